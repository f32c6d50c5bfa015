package dev.salvage.innodb.rec;

/** Receives the origin of each user record a walk reaches, in chain order. */
@FunctionalInterface
public interface RecordVisitor {
    /** Returns false to stop the walk. */
    boolean visit(int origin);
}
