package dev.salvage.innodb.lob;

import dev.salvage.innodb.fil.Mach;

/**
 * The 20-byte reference that ends the local part of an off-page (extern) field (btr0cur.h / lob0lob.h
 * BTR_EXTERN_*): where the rest of the value lives and how long it is.
 *
 * <pre>
 * 0  space id (4)
 * 4  page number of the first BLOB / LOB page (4)
 * 8  5.x BLOB: byte offset of the BLOB header on that page; MySQL 8.0 LOB: the LOB version (4)
 * 12 length (8): the high byte holds the flags, the low 4 bytes the off-page length
 * </pre>
 *
 * @param spaceId       BTR_EXTERN_SPACE_ID
 * @param pageNo        BTR_EXTERN_PAGE_NO
 * @param offset        BTR_EXTERN_OFFSET (MySQL 8.0 new-format LOBs keep their version here)
 * @param length        bytes stored off-page (the low 32 bits of BTR_EXTERN_LEN)
 * @param lengthHigh    the other bits of BTR_EXTERN_LEN without the flag bits: 0 in every valid reference
 * @param notOwner      BTR_EXTERN_OWNER_FLAG: this record does not own the value (an older version does)
 * @param inherited     BTR_EXTERN_INHERITED_FLAG: inherited from an earlier version in an update
 * @param beingModified MySQL 8.0 BTR_EXTERN_BEING_MODIFIED_FLAG: a partial update was under way
 */
public record ExternRef(long spaceId, long pageNo, long offset, long length, long lengthHigh, boolean notOwner,
                        boolean inherited, boolean beingModified) {

    /** BTR_EXTERN_FIELD_REF_SIZE. */
    public static final int SIZE = 20;
    public static final int SPACE_ID = 0;
    public static final int PAGE_NO = 4;
    public static final int OFFSET = 8;
    public static final int LEN = 12;
    public static final int OWNER_FLAG = 0x80;
    public static final int INHERITED_FLAG = 0x40;
    public static final int BEING_MODIFIED_FLAG = 0x20;

    /** Reads the reference at {@code at}; null when it does not fit in {@code bytes}. */
    public static ExternRef read(byte[] bytes, int at) {
        if (bytes == null || at < 0 || at > bytes.length - SIZE) {
            return null;
        }
        int flags = bytes[at + LEN] & 0xFF;
        long high = Mach.read4(bytes, at + LEN) & 0x00FFFFFFL;
        return new ExternRef(Mach.read4(bytes, at + SPACE_ID), Mach.read4(bytes, at + PAGE_NO),
                Mach.read4(bytes, at + OFFSET), Mach.read4(bytes, at + LEN + 4), high,
                (flags & OWNER_FLAG) != 0, (flags & INHERITED_FLAG) != 0, (flags & BEING_MODIFIED_FLAG) != 0);
    }

    /** Reads the reference ending a field of {@code fieldLength} bytes at {@code fieldStart}. */
    public static ExternRef readAtEndOf(byte[] page, int fieldStart, int fieldLength) {
        if (fieldLength < SIZE) {
            return null;
        }
        return read(page, fieldStart + fieldLength - SIZE);
    }

    /**
     * An all-zero reference: the record was written but the BLOB not yet stored (a crash mid-insert), or
     * the value was freed. InnoDB treats it as "no data".
     */
    public boolean isNull() {
        return spaceId == 0 && pageNo == 0 && offset == 0 && length == 0 && lengthHigh == 0 && !notOwner && !inherited
                && !beingModified;
    }
}
