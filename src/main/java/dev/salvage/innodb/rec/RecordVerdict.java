package dev.salvage.innodb.rec;

/** Why a record's fields could not be located, or OK. Corrupt input yields one of these, never an exception. */
public enum RecordVerdict {
    OK("ok"),
    HEADER_OUTSIDE_PAGE("record header outside the page"),
    SYSTEM_RECORD("infimum or supremum, not a user record"),
    BAD_STATUS("status bits do not fit the page level"),
    UNSUPPORTED_METADATA("MariaDB instant ALTER metadata record (its fields follow the metadata BLOB's map, see"
            + " InstantFieldMap): a table definition, not a row"),
    FIELD_COUNT("field count impossible for this index"),
    EXTRA_BYTES_OUTSIDE_HEAP("null bitmap, lengths or offsets run below the record heap"),
    LENGTH_EXCEEDS_MAX("field longer than its column allows"),
    FIXED_LENGTH_MISMATCH("fixed-length field with another stored length"),
    OFFSETS_DESCENDING("field end offsets go backwards"),
    EXTERN_NOT_ALLOWED("off-page flag on a field that cannot be stored off-page"),
    EXTERN_TOO_SHORT("off-page field shorter than its 20-byte reference"),
    DATA_OUTSIDE_PAGE("field data beyond the record heap");

    private final String description;

    RecordVerdict(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
