package dev.salvage.frm;

/**
 * One 17-byte field entry of the forminfo screens section, as written by MySQL's {@code pack_fields} and
 * MariaDB's {@code pack_fields}: bytes 3-4 length, 5-7 record position (1-based), 8-9 pack flag, 10 unireg
 * check (bit 7 = MySQL 5.7 generated column), 11 + 14 collation id (14 = geometry type for GEOMETRY), 12
 * interval number, 13 field type, 15-16 comment length.
 *
 * @param index         0-based position in the table
 * @param length        {@code field_length}: display width for numbers, bytes for strings (characters ×
 *                      the character set's longest character), bits for BIT
 * @param recordPosition 1-based offset of the field in the default-values record
 * @param packFlag      FIELDFLAG_* bits: signedness, zerofill, decimals, blob/geometry markers, nullability
 * @param uniregCheck   Field::utype: AUTO_INCREMENT (15), DEFAULT/ON UPDATE CURRENT_TIMESTAMP (21-23)
 * @param generatedMysql57 the MySQL 5.7 generated-column marker (bit 7 of byte 10)
 * @param intervalNumber 1-based ENUM/SET label list number, 0 for other types
 * @param fieldType     enum_field_types (MYSQL_TYPE_*)
 * @param collationId   the column's collation (0 for numbers); for GEOMETRY the geometry subtype
 * @param commentLength bytes of the column comment in the comments block
 */
record FrmField(int index, int length, int recordPosition, int packFlag, int uniregCheck, boolean generatedMysql57,
        int intervalNumber, int fieldType, int collationId, int commentLength) {

    static final int ENTRY_SIZE = 17;

    // FIELDFLAG_* (sql/field.h)
    static final int FLAG_DECIMAL = 1;          // for numbers: signed; for strings: binary
    static final int FLAG_NUMBER = 2;
    static final int FLAG_ZEROFILL = 4;
    static final int FLAG_INTERVAL = 256;       // ENUM
    static final int FLAG_BITFIELD = 512;       // SET
    static final int FLAG_BLOB = 1024;
    static final int FLAG_GEOM = 2048;
    static final int FLAG_TREAT_BIT_AS_CHAR = 4096;
    static final int FLAG_NO_DEFAULT = 16384;
    static final int FLAG_MAYBE_NULL = 32768;

    // Field::utype values that matter for DDL
    static final int UNIREG_NEXT_NUMBER = 15;
    static final int UNIREG_TIMESTAMP_DN = 21;
    static final int UNIREG_TIMESTAMP_UN = 22;
    static final int UNIREG_TIMESTAMP_DNUN = 23;

    static FrmField read(FrmBytes b, long at, int index) {
        int unireg = b.u8(at + 10);
        return new FrmField(index, b.u16(at + 3), b.u24(at + 5), b.u16(at + 8), unireg & 0x7F, (unireg & 0x80) != 0,
                b.u8(at + 12), b.u8(at + 13), b.u8(at + 14) | b.u8(at + 11) << 8, b.u16(at + 15));
    }

    boolean nullable() {
        return (packFlag & FLAG_MAYBE_NULL) != 0;
    }

    boolean isNumber() {
        return (packFlag & FLAG_NUMBER) != 0;
    }

    /** Numbers: FIELDFLAG_DECIMAL set means signed. */
    boolean unsigned() {
        return isNumber() && (packFlag & FLAG_DECIMAL) == 0;
    }

    boolean zerofill() {
        return isNumber() && (packFlag & FLAG_ZEROFILL) != 0;
    }

    /** Digits after the point for DECIMAL/FLOAT/DOUBLE; 31 means "not fixed" (plain FLOAT, DOUBLE). */
    int decimals() {
        // Bits 3-6 of a number's pack flag hold its field type, so MariaDB's scale 32-38 marker cannot be told
        // apart here; such DECIMALs are not supported yet.
        return (packFlag >> 8) & 31;
    }

    /**
     * Bytes coded in the FIELDFLAG_PACK bits (3-6): for blobs the length-prefix bytes, for ENUM/SET the value
     * bytes. The server stores them as the integer field type of that width ({@code pack_length_to_packflag}:
     * 1 TINY, 2 SHORT, 9 INT24 = 3 bytes, 3 LONG = 4 bytes, 8 LONGLONG); 0 when the bits say nothing.
     */
    int packLengthBits() {
        return switch ((packFlag >> 3) & 15) {
            case 1 -> 1;
            case 2 -> 2;
            case 9 -> 3;
            case 3 -> 4;
            case 8 -> 8;
            default -> 0;
        };
    }

    boolean noDefault() {
        return (packFlag & FLAG_NO_DEFAULT) != 0;
    }

    boolean autoIncrement() {
        return uniregCheck == UNIREG_NEXT_NUMBER;
    }

    boolean defaultNow() {
        return uniregCheck == UNIREG_TIMESTAMP_DN || uniregCheck == UNIREG_TIMESTAMP_DNUN;
    }

    boolean onUpdateNow() {
        return uniregCheck == UNIREG_TIMESTAMP_UN || uniregCheck == UNIREG_TIMESTAMP_DNUN;
    }
}
