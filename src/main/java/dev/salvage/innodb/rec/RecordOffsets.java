package dev.salvage.innodb.rec;

import java.util.Arrays;

/**
 * Where each field of one record lies: the reusable output of {@link RecordParser} (like InnoDB's
 * {@code rec_offs} array). One instance serves any number of records in turn, so parsing allocates nothing
 * per record or field; copy out what must outlive the next parse.
 *
 * <p>Offsets are absolute page offsets. A NULL field has length 0; a DEFAULT field (added by instant ADD
 * COLUMN after the record was written) is absent from the record and has length 0; an extern field's local
 * bytes end with the 20-byte off-page reference.
 */
public final class RecordOffsets {

    static final byte NULL = 1;
    static final byte EXTERN = 2;
    static final byte DEFAULT = 4;

    private int[] start = new int[16];
    private int[] length = new int[16];
    private byte[] flags = new byte[16];
    private int fieldCount;
    private int origin;
    private int extraStart;
    private int end;
    private int infoBits;
    private RecordStatus status;
    private RecordVerdict verdict = RecordVerdict.OK;
    private int badField = -1;
    private boolean anyExtern;

    void reset(int origin, int fieldCount) {
        if (fieldCount > start.length) {
            int capacity = Math.max(fieldCount, start.length * 2);
            start = Arrays.copyOf(start, capacity);
            length = Arrays.copyOf(length, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        this.origin = origin;
        this.fieldCount = fieldCount;
        this.extraStart = origin;
        this.end = origin;
        this.infoBits = 0;
        this.status = null;
        this.verdict = RecordVerdict.OK;
        this.badField = -1;
        this.anyExtern = false;
    }

    void set(int i, int absoluteStart, int len, byte flag) {
        start[i] = absoluteStart;
        length[i] = len;
        flags[i] = flag;
        anyExtern |= (flag & EXTERN) != 0;
    }

    void header(int infoBits, RecordStatus status) {
        this.infoBits = infoBits;
        this.status = status;
    }

    void extent(int extraStart, int end) {
        this.extraStart = extraStart;
        this.end = end;
    }

    void fieldCount(int n) {
        this.fieldCount = n;
    }

    /** Records a failure; returns false so parsers can {@code return out.fail(...)}. */
    boolean fail(RecordVerdict why, int field) {
        this.verdict = why;
        this.badField = field;
        return false;
    }

    public boolean ok() {
        return verdict == RecordVerdict.OK;
    }

    public RecordVerdict verdict() {
        return verdict;
    }

    /** The field the verdict is about, -1 when it concerns the whole record. */
    public int badField() {
        return badField;
    }

    /** Why parsing failed, for reports; "ok" when it did not. */
    public String describe() {
        if (ok()) {
            return "ok";
        }
        return "record at " + origin + ": " + verdict.description() + (badField >= 0 ? " (field " + badField + ")" : "");
    }

    public int origin() {
        return origin;
    }

    /** Fields located (the layout's count for leaf records, including DEFAULT ones). */
    public int fieldCount() {
        return fieldCount;
    }

    public int infoBits() {
        return infoBits;
    }

    /** COMPACT status, or for REDUNDANT what the layout implies (ORDINARY or NODE_PTR). */
    public RecordStatus status() {
        return status;
    }

    public boolean deleted() {
        return (infoBits & RecordHeader.DELETED_FLAG) != 0;
    }

    public boolean minRec() {
        return (infoBits & RecordHeader.MIN_REC_FLAG) != 0;
    }

    /** Page offset of the lowest header byte (start of the record's extra bytes). */
    public int extraStart() {
        return extraStart;
    }

    /** Page offset one past the last data byte. */
    public int end() {
        return end;
    }

    /** Bytes the record occupies in the heap, header included. */
    public int totalSize() {
        return end - extraStart;
    }

    public int offset(int i) {
        return start[i];
    }

    public int length(int i) {
        return length[i];
    }

    public boolean isNull(int i) {
        return (flags[i] & NULL) != 0;
    }

    public boolean isExtern(int i) {
        return (flags[i] & EXTERN) != 0;
    }

    /** The field is not stored in this record: its value is the instant ADD COLUMN default. */
    public boolean isDefault(int i) {
        return (flags[i] & DEFAULT) != 0;
    }

    public boolean anyExtern() {
        return anyExtern;
    }

    /** Copies field {@code i}'s local bytes (for extern fields: prefix + 20-byte reference); null for NULL. */
    public byte[] copy(byte[] page, int i) {
        if (isNull(i) || isDefault(i)) {
            return null;
        }
        return Arrays.copyOfRange(page, start[i], start[i] + length[i]);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("RecordOffsets[origin=").append(origin).append(' ').append(verdict);
        for (int i = 0; ok() && i < fieldCount; i++) {
            out.append(i == 0 ? " " : ", ").append(start[i]).append('+').append(length[i])
                    .append(isNull(i) ? " NULL" : "").append(isExtern(i) ? " EXTERN" : "").append(isDefault(i) ? " DEFAULT" : "");
        }
        return out.append(']').toString();
    }
}
