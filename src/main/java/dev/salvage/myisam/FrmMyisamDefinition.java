package dev.salvage.myisam;

import dev.salvage.frm.FrmKey;
import dev.salvage.frm.FrmResult;
import dev.salvage.schema.Collation;
import dev.salvage.schema.Column;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TypeKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The column packing ({@code MI_COLUMNDEF}) and key definitions ({@code MI_KEYDEF}/{@code HA_KEYSEG}) the server
 * gives a MyISAM table, derived from its .frm the way {@code table2myisam()} in ha_myisam.cc and then
 * {@code mi_create()} do. The server writes these into the .MYI when the table is created and never changes
 * them, so a lost .MYI can be described again from the definition alone.
 *
 * @param options   HA_OPTION_* of the .MYI header as mi_create sets them (PACK_RECORD, CHECKSUM, PACK_KEYS)
 * @param columns   the column definitions in record order, gaps (the NULL flags) as FIELD_NORMAL entries
 * @param keys      the key definitions (segment flags as mi_create completes them)
 * @param base      the record lengths mi_create computes (reclength, pack lengths, pack bits, min block length)
 */
public record FrmMyisamDefinition(int options, List<ColumnDef> columns, List<KeyDef> keys, MyiBase base) {

    static final int HA_OPTION_PACK_RECORD = 1;
    static final int HA_OPTION_PACK_KEYS = 2;
    static final int HA_OPTION_CHECKSUM = 32;
    private static final int FRM_TIMESTAMP = 7;
    private static final int FRM_TIMESTAMP2 = 17;
    private static final int FRM_VARCHAR = 15;
    private static final int BINARY_COLLATION = 63;
    /** portable_sizeof_char_ptr: a BLOB in the record is its length bytes and an 8-byte pointer. */
    private static final int BLOB_POINTER = 8;
    private static final int MI_MIN_BLOCK_LENGTH = 20;
    private static final int MI_EXTEND_BLOCK_LENGTH = 20;
    /** myisam_data_pointer_size's default: record pointers when the table sets no MAX_ROWS. */
    private static final int DEFAULT_POINTER = 6;
    private static final int HA_SWAP_KEY = 64;
    private static final int HA_NULL_PART_KEY = 64;
    private static final int HA_SPACE_PACK_USED = 4;
    private static final int HA_AUTO_KEY = 16;
    private static final int HA_PART_KEY_SEG = 4;
    private static final int MI_MIN_KEY_BLOCK = 1024;
    private static final int MI_MAX_KEY_BLOCK = 16384;
    private static final int MI_MAX_KEYPTR_SIZE = 5;
    private static final int HA_BIT_PART = 1024;
    private static final int HA_DOUBLE_PART = 2048;

    public FrmMyisamDefinition {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }

    /**
     * Derives the definitions. {@code frmOptions}: the table's HA_OPTION_* flags from the .frm header
     * ({@code db_create_options}), which say whether the records are packed (DYNAMIC) and carry a checksum.
     */
    public static FrmMyisamDefinition derive(FrmResult frm, int frmOptions) {
        boolean packRecord = (frmOptions & HA_OPTION_PACK_RECORD) != 0;
        MyisamLayout layout = MyisamLayout.fromFrm(frm, !packRecord);
        List<ColumnDef> columns = columns(frm, layout, packRecord);

        // mi_create: count the packed columns and the lengths the record takes at least and at most.
        long reclength = 0;
        long minPack = 0;
        long packReclength = 0;
        boolean unlimited = false;
        int packed = 0;
        int blobs = 0;
        int longVarchars = 0;
        long varcharLength = 0;
        int options = 0;
        for (ColumnDef c : columns) {
            reclength += c.length();
            int type = c.type();
            if (type == ColumnDef.FIELD_NORMAL || type == ColumnDef.FIELD_CHECK) {
                minPack += c.length();
                continue;
            }
            packed++;
            if (type == ColumnDef.FIELD_BLOB) {
                blobs++;
                if (c.length() == 4 + BLOB_POINTER) {
                    unlimited = true;
                } else {
                    packReclength += 1L << ((c.length() - BLOB_POINTER) * 8);
                }
            } else if (type == ColumnDef.FIELD_SKIP_PRESPACE || type == ColumnDef.FIELD_SKIP_ENDSPACE) {
                packReclength += c.length() > 255 ? 2 : 1;
                minPack++;
            } else if (type == ColumnDef.FIELD_VARCHAR) {
                varcharLength += c.length() - 1;
                packed--;
                packReclength++;
                minPack++;
                if (c.length() >= 257) {
                    longVarchars++;
                    packReclength += 2;
                }
            } else if (type != ColumnDef.FIELD_SKIP_ZERO) {
                minPack += c.length();
                packed--;
            }
        }
        if ((packed & 7) == 1) {
            // mi_create's "bad packing": a 1-byte SKIP_ZERO column, the last one, is stored plain instead.
            for (int i = columns.size() - 1; i >= 0; i--) {
                ColumnDef c = columns.get(i);
                if (c.type() == ColumnDef.FIELD_SKIP_ZERO && c.length() == 1) {
                    columns.set(i, new ColumnDef(ColumnDef.FIELD_NORMAL, 1, c.nullBit(), c.nullPos()));
                    packed--;
                    minPack++;
                    break;
                }
            }
        }
        if (packed > 0 || packRecord) {
            options |= HA_OPTION_PACK_RECORD;
        }
        boolean dynamic = (options & HA_OPTION_PACK_RECORD) != 0;
        if (dynamic && (frmOptions & HA_OPTION_CHECKSUM) != 0) {
            options |= HA_OPTION_CHECKSUM;
            minPack++;
        }
        if (!dynamic) {
            minPack += varcharLength;
        }
        int packBytes = (packed + 7) / 8;
        boolean checksum = (options & HA_OPTION_CHECKSUM) != 0;
        // MySQL 5.x's mi_create turns its count of packed columns into the pack bytes before it adds it to the
        // longest record and stores it as pack_fields; MariaDB keeps the count for both.
        boolean mariadb = frm.dialect() == ServerDialect.MARIADB_10_11;
        int packFields = mariadb ? packed : packBytes;
        long maxPack = unlimited ? Integer.MAX_VALUE
                : packReclength + reclength + packFields + (checksum && dynamic ? 1 : 0);
        minPack += packBytes;
        long stored = reclength;
        if (!dynamic) {
            stored = Math.max(reclength, DEFAULT_POINTER + 1); // room for the delete link
        } else {
            stored += longVarchars;
        }
        long onDisk = stored + (checksum ? 1 : 0);
        long minBlock = onDisk + 3 < MI_EXTEND_BLOCK_LENGTH && blobs == 0 ? Math.max(onDisk, MI_MIN_BLOCK_LENGTH)
                : MI_EXTEND_BLOCK_LENGTH;

        List<KeyDef> keys = new ArrayList<>();
        boolean autoKeyFound = false;
        for (FrmKey key : frm.keys()) {
            KeyDef k = key(frm, layout, key, frmOptions);
            if (k == null) {
                continue;
            }
            if (!autoKeyFound && startsWithAutoIncrement(frm, key)) {
                // table2myisam marks the key the AUTO_INCREMENT value is looked up in (next_number_index)
                autoKeyFound = true;
                k = new KeyDef(k.keyAlg(), k.flag() | HA_AUTO_KEY, k.blockLength(), k.keyLength(), k.minLength(),
                        k.maxLength(), k.segments());
            }
            if ((k.flag() & (KeyDef.HA_PACK_KEY | KeyDef.HA_BINARY_PACK_KEY | KeyDef.HA_VAR_LENGTH_KEY)) != 0) {
                options |= HA_OPTION_PACK_KEYS;
            }
            keys.add(k);
        }
        MyiBase base = new MyiBase(0, 0, 0, 0, 0, 0, reclength, onDisk, minPack, maxPack, minBlock, columns.size(),
                packFields, DEFAULT_POINTER, 0, keys.size(), 0, packBytes, blobs, 0, 0, 0, 0);
        return new FrmMyisamDefinition(options, columns, keys, base);
    }

    /** {@code Field::key_length()}: the column's bytes without a VARCHAR's length prefix. */
    private static int keyLength(MyisamField field, FrmResult.FieldLayout fl) {
        if (fl.fieldType() == FRM_VARCHAR) {
            return field.packLength() - (field.packLength() > 256 ? 2 : 1);
        }
        return field.packLength();
    }

    private static boolean startsWithAutoIncrement(FrmResult frm, FrmKey key) {
        if (key.parts().isEmpty()) {
            return false;
        }
        int n = key.parts().get(0).fieldNumber() - 1;
        return n >= 0 && n < frm.table().columns().size() && frm.table().columns().get(n).autoIncrement();
    }

    /** table2myisam's walk over the record: every stored column by offset, the bytes between them as NORMAL. */
    private static List<ColumnDef> columns(FrmResult frm, MyisamLayout layout, boolean packRecord) {
        List<MyisamField> fields = new ArrayList<>();
        for (MyisamField f : layout.fields()) {
            if (f.packLength() > 0) { // BIT(n < 8) keeps no bytes of its own (pack_length_in_rec() == 0)
                fields.add(f);
            }
        }
        fields.sort(Comparator.comparingInt(MyisamField::offset).thenComparingInt(MyisamField::packLength));
        List<ColumnDef> out = new ArrayList<>();
        int recpos = 0;
        for (MyisamField f : fields) {
            if (f.offset() < recpos) {
                continue; // overlapping columns cannot happen in a sound .frm
            }
            if (f.offset() > recpos) {
                out.add(new ColumnDef(ColumnDef.FIELD_NORMAL, f.offset() - recpos, 0, 0));
            }
            int nullBit = f.nullBit() >= 0 ? 1 << (f.nullBit() % 8) : 0;
            int nullPos = f.nullBit() >= 0 ? f.nullBit() / 8 : 0;
            out.add(new ColumnDef(columnType(frm, f, packRecord), f.packLength(), nullBit, nullPos));
            recpos = f.offset() + f.packLength();
        }
        if (recpos < layout.length()) {
            out.add(new ColumnDef(ColumnDef.FIELD_NORMAL, layout.length() - recpos, 0, 0));
        }
        return out;
    }

    private static int columnType(FrmResult frm, MyisamField f, boolean packRecord) {
        Column c = f.column();
        TypeKind kind = c.type().kind();
        int realType = fieldType(frm, c);
        if (MyisamLayout.isBlob(kind)) {
            return ColumnDef.FIELD_BLOB;
        }
        if (realType == FRM_TIMESTAMP) {
            return ColumnDef.FIELD_NORMAL; // the pre-5.6.4 / MariaDB 5.3 TIMESTAMP
        }
        if (kind == TypeKind.VARCHAR || kind == TypeKind.VARBINARY) {
            return ColumnDef.FIELD_VARCHAR;
        }
        if (!packRecord) {
            return ColumnDef.FIELD_NORMAL;
        }
        if (realType == FRM_TIMESTAMP2) {
            return ColumnDef.FIELD_SKIP_PRESPACE; // as the server does, for packed records only
        }
        if (zeroPack(kind)) {
            return ColumnDef.FIELD_SKIP_ZERO;
        }
        if (f.packLength() <= 3 || c.zerofill()) {
            return ColumnDef.FIELD_NORMAL;
        }
        return stringType(kind) ? ColumnDef.FIELD_SKIP_ENDSPACE : ColumnDef.FIELD_SKIP_PRESPACE;
    }

    /**
     * {@code Field::zero_pack()}: true for integers, floats, temporals, BIT and SET; false for strings, ENUM and
     * DECIMAL (SET against ENUM as both MariaDB 10.11 and MySQL 5.7 write it).
     */
    private static boolean zeroPack(TypeKind kind) {
        return switch (kind) {
            case CHAR, BINARY, ENUM, VARCHAR, VARBINARY, DECIMAL -> false;
            default -> !MyisamLayout.isBlob(kind);
        };
    }

    /** Columns whose {@code Field::type()} is MYSQL_TYPE_STRING: CHAR, BINARY, ENUM and SET. */
    private static boolean stringType(TypeKind kind) {
        return kind == TypeKind.CHAR || kind == TypeKind.BINARY || kind == TypeKind.ENUM || kind == TypeKind.SET;
    }

    private static int fieldType(FrmResult frm, Column c) {
        for (FrmResult.FieldLayout f : frm.fields()) {
            if (f.name().equals(c.name())) {
                return f.fieldType();
            }
        }
        return -1;
    }

    /** table2myisam's key loop plus mi_create's completion of the flags; null for a key MyISAM cannot hold. */
    private static KeyDef key(FrmResult frm, MyisamLayout layout, FrmKey key, int frmOptions) {
        int flag = key.flags() & (KeyDef.HA_NOSAME | KeyDef.HA_FULLTEXT | KeyDef.HA_SPATIAL);
        int alg = key.algorithm() == 0 ? ((key.flags() & KeyDef.HA_SPATIAL) != 0 ? 2 : 1) : key.algorithm();
        if ((flag & (KeyDef.HA_FULLTEXT | KeyDef.HA_SPATIAL)) != 0 || alg != 1) {
            return null; // full-text and spatial trees are not derived here
        }
        List<KeySeg> segs = new ArrayList<>();
        int keyLength = 0;
        // The server already chose packing for the key when it wrote the .frm (HA_PACK_KEY, HA_BINARY_PACK_KEY,
        // HA_SPACE_PACK_USED in the key's flags); PACK_KEYS=1 asks for it on every key.
        boolean packKeys = (frmOptions & HA_OPTION_PACK_KEYS) != 0
                || (key.flags() & (KeyDef.HA_PACK_KEY | KeyDef.HA_BINARY_PACK_KEY | HA_SPACE_PACK_USED)) != 0;
        for (int j = 0; j < key.parts().size(); j++) {
            FrmKey.Part part = key.parts().get(j);
            int n = part.fieldNumber() - 1;
            if (n < 0 || n >= frm.fields().size() || n >= frm.table().columns().size()) {
                return null;
            }
            FrmResult.FieldLayout fl = frm.fields().get(n);
            Column c = frm.table().columns().get(n);
            MyisamField field = fieldAt(layout, c);
            TypeKind kind = c.type().kind();
            int type = keyType(fl, c, kind);
            int segFlag = part.flags() & KeySeg.HA_REVERSE_SORT;
            if (MyisamLayout.isBlob(kind)) {
                segFlag |= KeySeg.HA_BLOB_PART;
            } else if (fl.fieldType() == FRM_VARCHAR) {
                segFlag |= KeySeg.HA_VAR_LENGTH_PART;
            }
            if (kind == TypeKind.BIT) {
                segFlag |= HA_BIT_PART;
            }
            if (type == 6 && frm.dialect() == ServerDialect.MARIADB_10_11) {
                segFlag |= HA_DOUBLE_PART; // MariaDB 10.11 marks DOUBLE key parts, not FLOAT ones; MySQL 5.7 neither
            }
            if (MyisamLayout.isBlob(kind) || field != null && part.length() < keyLength(field, fl)) {
                segFlag |= HA_PART_KEY_SEG; // a prefix of the column (a BLOB key part always is one)
            }
            if (packKeys) {
                boolean text = type == 1 || type == 7 || (type == 2 && !zeroPack(kind));
                if (part.length() > 8 && text) {
                    if (j == 0) {
                        flag |= KeyDef.HA_PACK_KEY;
                    }
                    if (!c.zerofill() && (stringType(kind) || part.length() >= 4)) {
                        segFlag |= KeySeg.HA_SPACE_PACK;
                    }
                } else if (j == 0 && (!key.unique() || key.keyLength() > 16)) {
                    flag |= KeyDef.HA_BINARY_PACK_KEY;
                }
            }
            int bitStart = 0;
            int bitLength = 0;
            long nullPos = 0;
            int nullBit = 0;
            if (field != null && field.nullBit() >= 0) {
                nullBit = 1 << (field.nullBit() % 8);
                nullPos = field.nullBit() / 8;
            }
            if (MyisamLayout.isBlob(kind) && field != null) {
                bitStart = field.packLength() - BLOB_POINTER;
            }
            if (kind == TypeKind.BIT && field != null && field.unevenBitStart() >= 0) {
                bitLength = MyisamLayout.bits(c) & 7;
                bitStart = field.unevenBitStart() % 8;
                nullPos = field.unevenBitStart() / 8;
            }
            segs.add(new KeySeg(type, language(frm, c, kind), nullBit, bitStart, bitLength, segFlag, part.length(),
                    part.offset() - 1L, nullPos));
            keyLength += part.length();
        }
        KeyDef k = complete(alg, flag, segs, keyLength);
        // mi_create: KEY_BLOCK_SIZE rounded up to a power of two (myisam_block_size, 1 KiB, when unset), clamped
        // to 1–16 KiB, then MI_BLOCK_SIZE: room for about four of the longest keys with their pointers.
        int requested = key.blockSize() > 0 ? Integer.highestOneBit(key.blockSize() - 1) << 1 : MI_MIN_KEY_BLOCK;
        int block = Math.min(Math.max(requested, MI_MIN_KEY_BLOCK), MI_MAX_KEY_BLOCK);
        int blockLength = ((k.maxLength() + DEFAULT_POINTER + MI_MAX_KEYPTR_SIZE) * 4 + MI_MAX_KEYPTR_SIZE + 2)
                / block * block + block;
        return new KeyDef(k.keyAlg(), k.flag(), blockLength, k.keyLength(), k.minLength(), k.maxLength(),
                k.segments());
    }

    /** {@code Field::key_type()}: how MyISAM compares the column's key bytes (HA_KEYTYPE_*). */
    private static int keyType(FrmResult.FieldLayout fl, Column c, TypeKind kind) {
        boolean u = c.unsigned();
        boolean binary = c.collation() == null && c.charset() == null || "binary".equals(c.charset());
        return switch (kind) {
            case TINYINT -> u ? 2 : 14;
            case SMALLINT -> u ? 8 : 3;
            case MEDIUMINT -> u ? 13 : 12;
            case INT -> u ? 9 : 4;
            case BIGINT -> u ? 11 : 10;
            case FLOAT -> fl.packLength() == 8 ? 6 : 5;
            case DOUBLE -> 6;
            case DECIMAL -> fl.fieldType() == 0 ? 7 : 2;
            case DATE -> fl.fieldType() == 10 ? 9 : 13;
            case TIME -> fl.fieldType() == 11 ? 12 : 2;
            case DATETIME -> fl.fieldType() == 12 ? 11 : 2;
            case TIMESTAMP -> fl.fieldType() == FRM_TIMESTAMP ? 9 : 2;
            case BIT -> 19;
            case ENUM, SET -> switch (fl.packLength()) {
                case 2 -> 8;
                case 3 -> 13;
                case 4 -> 9;
                case 8 -> 11;
                default -> 2;
            };
            case CHAR -> binary ? 2 : 1;
            case VARCHAR, VARBINARY -> {
                boolean bin = kind == TypeKind.VARBINARY || binary;
                int lengthBytes = fl.packLength() > 256 ? 2 : 1;
                yield lengthBytes == 1 ? (bin ? 16 : 15) : (bin ? 18 : 17);
            }
            case TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT -> 17;
            default -> MyisamLayout.isBlob(kind) ? 18 : 2; // BLOBs, JSON, GEOMETRY; BINARY, YEAR, INET6, UUID
        };
    }

    /** mi_create's second pass: which keys are prefix- or binary-packed and what each segment's flags become. */
    private static KeyDef complete(int alg, int flag, List<KeySeg> in, int partsLength) {
        List<KeySeg> segs = new ArrayList<>(in);
        if ((flag & KeyDef.HA_PACK_KEY) != 0 && !segs.isEmpty()) {
            KeySeg first = segs.get(0);
            if ((first.flag() & KeySeg.HA_SPACE_PACK) != 0 && first.type() == 7) {
                first = withFlag(first, first.flag() & ~KeySeg.HA_SPACE_PACK, first.bitStart());
            }
            if ((first.flag() & (KeySeg.HA_SPACE_PACK | KeySeg.HA_BLOB_PART | KeySeg.HA_VAR_LENGTH_PART)) == 0) {
                flag &= ~KeyDef.HA_PACK_KEY;
                flag |= KeyDef.HA_BINARY_PACK_KEY | KeyDef.HA_VAR_LENGTH_KEY;
            } else {
                first = withFlag(first, first.flag() | KeySeg.HA_PACK_KEY, first.bitStart());
                flag |= KeyDef.HA_VAR_LENGTH_KEY;
            }
            segs.set(0, first);
        }
        int keyLength = DEFAULT_POINTER;
        int length = 0;
        int minSkip = 0;
        for (int j = 0; j < segs.size(); j++) {
            KeySeg s = segs.get(j);
            int f = s.flag();
            int bitStart = s.bitStart();
            switch (s.type()) {
                case 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14 -> f |= HA_SWAP_KEY;
                case 15, 16, 17, 18 -> {
                    if ((f & KeySeg.HA_BLOB_PART) == 0) {
                        f |= KeySeg.HA_VAR_LENGTH_PART;
                        bitStart = s.type() == 15 || s.type() == 16 ? 1 : 2;
                    }
                }
                default -> {
                }
            }
            if ((f & KeySeg.HA_SPACE_PACK) != 0) {
                flag |= HA_SPACE_PACK_USED | KeyDef.HA_VAR_LENGTH_KEY;
                length++;
                minSkip += s.length();
                if (s.length() >= 255) {
                    minSkip += 2;
                    length += 2;
                }
            }
            if ((f & (KeySeg.HA_VAR_LENGTH_PART | KeySeg.HA_BLOB_PART)) != 0) {
                flag |= KeyDef.HA_VAR_LENGTH_KEY;
                length++;
                minSkip += s.length();
                if (s.length() >= 255) {
                    minSkip += 2;
                    length += 2;
                }
            }
            keyLength += s.length();
            if (s.nullBit() != 0) {
                keyLength++;
                f |= KeySeg.HA_NULL_PART;
                flag |= KeyDef.HA_VAR_LENGTH_KEY | HA_NULL_PART_KEY;
            }
            segs.set(j, withFlag(s, f, bitStart));
        }
        length += keyLength;
        return new KeyDef(alg, flag, 0, keyLength, length - minSkip, length, segs);
    }

    private static KeySeg withFlag(KeySeg s, int flag, int bitStart) {
        return new KeySeg(s.type(), s.language(), s.nullBit(), bitStart, s.bitLength(), flag, s.length(), s.start(),
                s.nullPos());
    }

    private static MyisamField fieldAt(MyisamLayout layout, Column c) {
        for (MyisamField f : layout.fields()) {
            if (f.column() == c) {
                return f;
            }
        }
        return null;
    }

    /** {@code charset_for_protocol()->number}: the collation id of text columns, binary (63) for the rest. */
    private static int language(FrmResult frm, Column c, TypeKind kind) {
        boolean text = switch (kind) {
            case CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, ENUM, SET -> true;
            default -> false;
        };
        if (!text) {
            return BINARY_COLLATION;
        }
        String name = c.collation() != null ? c.collation() : frm.table().collation();
        return name == null ? BINARY_COLLATION
                : Collation.byName(name, frm.dialect()).map(Collation::id).orElse(BINARY_COLLATION);
    }
}
