package dev.salvage.myisam;

import dev.salvage.schema.Column;

/**
 * Where one column lives in MyISAM's unpacked record (the server's row image, {@code table->record[0]}).
 *
 * @param column          the declared column
 * @param fieldType       the MYSQL_TYPE_* code the .frm stores (tells old from new temporal formats), or -1 when
 *                        the definition came from DDL text and the modern formats are assumed
 * @param offset          first byte of the column in the record
 * @param packLength      bytes the column takes in the record (for BLOB/TEXT: length bytes + 8-byte pointer)
 * @param nullBit         bit number of the NULL flag from the record start, -1 for NOT NULL columns
 * @param unevenBitStart  BIT(M) with M % 8 != 0: first bit of the high M % 8 bits, kept among the NULL flags
 *                        ({@code Field_bit::bit_ptr}); -1 otherwise
 */
public record MyisamField(Column column, int fieldType, int offset, int packLength, int nullBit, int unevenBitStart) {

    public int end() {
        return offset + packLength;
    }

    /** True when part of this column's value (its bytes, or a BIT's high bits) lies in the first {@code bytes} bytes. */
    boolean valueWithin(int bytes) {
        return offset < bytes || (unevenBitStart >= 0 && unevenBitStart / 8 < bytes);
    }

    /** True when this column's NULL flag lies in the first {@code bytes} bytes. */
    boolean nullFlagWithin(int bytes) {
        return nullBit >= 0 && nullBit / 8 < bytes;
    }
}
