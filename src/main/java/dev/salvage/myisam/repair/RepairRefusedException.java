package dev.salvage.myisam.repair;

/**
 * The table uses something the rebuild does not know how to write exactly (a key type, a collation, a record
 * format). Repair stops and says so rather than writing an index the server would call corrupt.
 */
public final class RepairRefusedException extends Exception {
    public RepairRefusedException(String message) {
        super(message);
    }
}
