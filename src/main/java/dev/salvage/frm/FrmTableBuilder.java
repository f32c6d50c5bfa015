package dev.salvage.frm;

import dev.salvage.schema.Collation;
import dev.salvage.schema.Column;
import dev.salvage.schema.ColumnType;
import dev.salvage.schema.Index;
import dev.salvage.schema.IndexKind;
import dev.salvage.schema.IndexPart;
import dev.salvage.schema.MysqlCharset;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableConstraint;
import dev.salvage.schema.TableDef;
import dev.salvage.schema.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Puts the sections of one .frm image together into a {@link FrmResult}. */
final class FrmTableBuilder {

    static final int FORMINFO_SIZE = 288;
    private static final int MAX_FIELDS = 4096;
    private static final int HA_OPTION_PACK_RECORD = 1;

    private final FrmBytes b;
    private final String tableName;
    private final List<FrmFinding> findings = new ArrayList<>();
    private FrmHeader header;
    private ServerDialect dialect = ServerDialect.MYSQL_5_7;

    FrmTableBuilder(FrmBytes bytes, String tableName) {
        this.b = bytes;
        this.tableName = tableName;
    }

    static FrmResult unreadable(String name, FrmFinding finding) {
        return new FrmResult(new TableDef(null, name, List.of(), List.of(), List.of(), null, null, null, null, null,
                null, null), ServerDialect.MYSQL_5_7, 0, List.of(), List.of(), List.of(finding));
    }

    FrmResult build() {
        if (startsWith("TYPE=VIEW")) {
            return unreadable(tableName, error(0, "FRM_IS_VIEW", "this .frm defines a view, not a table"));
        }
        if (b.length() < FrmHeader.SIZE || !FrmHeader.hasMagic(b)) {
            return unreadable(tableName, error(0, "FRM_NOT_FRM",
                    b.length() < FrmHeader.SIZE ? "only " + b.length() + " bytes: shorter than the .frm header"
                            : "no .frm magic (FE 01) at the start"));
        }
        header = FrmHeader.read(b);
        dialect = FrmReader.dialectOf(header.serverVersion());
        // Header bytes 10-13 are the length reserved at creation; MySQL 5.7 files are often shorter: no check.
        FrmExtra2 extra2 = FrmExtra2.read(b, header.extra2Length(), findings);
        List<FrmKey> keys = FrmKeySection.read(b, header.keyInfoOffset(), findings);

        long formPos = b.u32(FrmHeader.SIZE + header.extra2Length());
        if (formPos <= 0 || !b.has(formPos, FORMINFO_SIZE)) {
            findings.add(error(FrmHeader.SIZE + header.extra2Length(), "FRM_FORMINFO_MISSING",
                    "forminfo at " + formPos + " is outside the file: no columns decoded"));
            return result(List.of(), List.of(), keys, extra2, null, "", new ArrayList<>());
        }
        Forminfo form = Forminfo.read(b, formPos);
        if (form.fieldCount() > MAX_FIELDS) {
            findings.add(error(formPos + 258, "FRM_FIELD_COUNT", "implausible field count " + form.fieldCount()));
            return result(List.of(), List.of(), keys, extra2, null, form.shortComment(), new ArrayList<>());
        }
        long fieldsStart = formPos + FORMINFO_SIZE + form.screensLength();
        List<FrmField> fields = new ArrayList<>();
        for (int i = 0; i < form.fieldCount(); i++) {
            long at = fieldsStart + (long) i * FrmField.ENTRY_SIZE;
            if (!b.has(at, FrmField.ENTRY_SIZE)) {
                findings.add(error(at, "FRM_FIELDS_TRUNCATED", "field entries end after " + i + " of "
                        + form.fieldCount()));
                break;
            }
            fields.add(FrmField.read(b, at, i));
        }
        long namesStart = fieldsStart + (long) form.fieldCount() * FrmField.ENTRY_SIZE;
        byte[] names = b.slice(namesStart, form.namesLength());
        byte[] intervals = b.slice(namesStart + form.namesLength(), form.intervalsLength());
        long commentsStart = namesStart + form.namesLength() + form.intervalsLength();
        long expressionsStart = commentsStart + form.commentsLength();
        long formEnd = expressionsStart + form.expressionsLength();
        if (formEnd > b.length()) {
            findings.add(error(b.length(), "FRM_TRUNCATED", "the column definitions end at " + formEnd
                    + " but the file has only " + b.length() + " bytes"));
        }

        List<String> fieldNames = new ArrayList<>();
        FrmBytes.Typelibs nameLib = FrmBytes.typelibs(names, 0, 1);
        if (!nameLib.values().isEmpty()) {
            nameLib.values().get(0).forEach(n -> fieldNames.add(new String(n, StandardCharsets.UTF_8)));
        }
        if (fieldNames.size() < fields.size()) {
            findings.add(error(namesStart, "FRM_NAMES_MISSING", fields.size() + " fields but " + fieldNames.size()
                    + " names; missing ones named col_N"));
        }
        List<List<byte[]>> labelLists = FrmBytes.typelibs(intervals, 0, form.intervalCount()).values();
        if (labelLists.size() < form.intervalCount()) {
            findings.add(error(namesStart + form.namesLength(), "FRM_LABELS_MISSING",
                    "ENUM/SET label lists end after " + labelLists.size() + " of " + form.intervalCount()));
        }
        List<FrmExpressions.Expression> expressions = new ArrayList<>();
        if (form.expressionsLength() > 0) {
            expressions.addAll(header.frmVersion() >= 11
                    ? FrmExpressions.readMariadb(b, expressionsStart, form.expressionsLength(), findings)
                    : FrmExpressions.readMysql57(b, expressionsStart, form.expressionsLength(), fields, findings));
        }
        byte[] record = b.slice(header.recordOffset(), header.recordLength());
        if (record.length < header.recordLength()) {
            findings.add(error(header.recordOffset(), "FRM_RECORD_TRUNCATED",
                    "the default-values record is cut short; some defaults are missing"));
        }
        FrmExtraSegment extra = FrmExtraSegment.read(b, header, keys, form.commentLength() == 255, findings);

        FrmColumns columns = new FrmColumns(dialect, header, fields, fieldNames, labelLists, extra2, expressions,
                record, findings);
        long commentPos = commentsStart;
        List<String> comments = new ArrayList<>();
        for (FrmField f : fields) {
            if (f.commentLength() > 0) {
                comments.add(b.has(commentPos, f.commentLength()) ? b.utf8(commentPos, f.commentLength()) : null);
                commentPos += f.commentLength();
            } else {
                comments.add(null);
            }
        }
        List<Column> built = columns.build(comments);
        List<TableConstraint> checks = new ArrayList<>();
        for (FrmExpressions.Expression e : expressions) {
            if (e.type() == FrmExpressions.CHECK_TABLE) {
                checks.add(new TableConstraint(e.name(), "CHECK (" + e.text() + ")"));
            }
        }
        String comment = form.commentLength() == 255 ? extra.longComment() : form.shortComment();
        return result(built, columns.layouts(), keys, extra2, extra, comment, checks);
    }

    private FrmResult result(List<Column> columns, List<FrmResult.FieldLayout> layouts, List<FrmKey> keys,
            FrmExtra2 extra2, FrmExtraSegment extra, String comment, List<TableConstraint> checks) {
        if (b.firstBadOffset() >= 0 && findings.stream().noneMatch(f -> f.severity() == FrmFinding.Severity.ERROR)) {
            // Some read fell off the end without a section noticing: the file is cut somewhere.
            findings.add(error(b.firstBadOffset(), "FRM_TRUNCATED", "a read at " + b.firstBadOffset()
                    + " fell past the end of the file (" + b.length() + " bytes)"));
        }
        List<Index> indexes = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Index index = index(keys.get(i), columns, layouts, extra2.ignoredIndex(i));
            if (index != null) {
                indexes.add(index);
            }
        }
        Collation tableCollation = Collation.byId(header.tableCollationId(), dialect).orElse(null);
        if (tableCollation == null && header.tableCollationId() != 0) {
            findings.add(new FrmFinding(FrmFinding.Severity.WARNING, 38, "FRM_UNKNOWN_COLLATION",
                    "unknown table collation id " + header.tableCollationId()));
        }
        String engine = engine(extra);
        String partitioning = extra == null || extra.partitioning() == null ? null
                : extra.partitioning().trim().replaceAll("\\s+", " ");
        TableDef table = new TableDef(null, tableName, columns, indexes, checks,
                tableCollation == null ? null : tableCollation.charset(),
                tableCollation == null ? null : tableCollation.name(), rowFormat(header.rowType()), engine,
                comment == null || comment.isEmpty() ? null : comment, partitioning, FrmTableOptions.of(header,
                        extra));
        return new FrmResult(table, dialect, header.serverVersion(), layouts, keys, findings);
    }

    private String engine(FrmExtraSegment extra) {
        String name = extra == null ? null : extra.engineName();
        if (name == null || name.isEmpty()) {
            name = LegacyDbType.engineName(header.legacyDbType());
        }
        if (name != null && name.equalsIgnoreCase("partition")) {
            String parts = LegacyDbType.engineName(header.defaultPartDbType());
            return parts != null ? parts : name;
        }
        return name;
    }

    private Index index(FrmKey key, List<Column> columns, List<FrmResult.FieldLayout> layouts, boolean ignored) {
        IndexKind kind = key.name().equals("PRIMARY") ? IndexKind.PRIMARY
                : (key.flags() & FrmKey.HA_FULLTEXT) != 0 ? IndexKind.FULLTEXT
                : (key.flags() & FrmKey.HA_SPATIAL) != 0 ? IndexKind.SPATIAL
                : key.unique() ? IndexKind.UNIQUE : IndexKind.KEY;
        List<IndexPart> parts = new ArrayList<>();
        for (FrmKey.Part part : key.parts()) {
            int field = part.fieldNumber() - 1;
            if (field < 0 || field >= columns.size()) {
                findings.add(error(-1, "FRM_KEY_FIELD", "key " + key.name() + " names field " + part.fieldNumber()
                        + " of " + columns.size()));
                continue;
            }
            Column column = columns.get(field);
            Integer prefix = kind == IndexKind.FULLTEXT || kind == IndexKind.SPATIAL ? null
                    : prefixLength(column, layouts.get(field), part.length());
            boolean descending = dialect.isMariadb() && header.serverVersion() >= 100800
                    && (part.flags() & FrmKey.PART_REVERSE_SORT) != 0;
            parts.add(new IndexPart(column.name(), prefix, descending));
        }
        if (parts.isEmpty()) {
            return null;
        }
        return new Index(key.name(), kind, parts, !ignored, key.comment());
    }

    /**
     * A key part is a prefix when it holds fewer bytes than the column's key length (SHOW CREATE TABLE prints
     * it in characters): always for TEXT/BLOB/GEOMETRY, for strings when shorter than the column.
     */
    private static Integer prefixLength(Column column, FrmResult.FieldLayout layout, int partLength) {
        TypeKind kind = column.type().kind();
        int mbMaxLen = column.charset() == null ? 1
                : MysqlCharset.byName(column.charset(), ServerDialect.MARIADB_10_11).map(MysqlCharset::maxBytesPerChar)
                        .orElse(1);
        boolean blobLike = switch (kind) {
            case TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB, JSON -> true;
            default -> kind.family() == TypeKind.Family.GEOMETRY;
        };
        boolean stringLike = switch (kind) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> true;
            default -> false;
        };
        if (blobLike || (stringLike && partLength != layout.length())) {
            return partLength / Math.max(1, mbMaxLen);
        }
        return null;
    }

    private static String rowFormat(int rowType) {
        return switch (rowType) {
            case 1 -> "FIXED";
            case 2 -> "DYNAMIC";
            case 3 -> "COMPRESSED";
            case 4 -> "REDUNDANT";
            case 5 -> "COMPACT";
            case 6 -> "PAGE";
            default -> null;
        };
    }

    private boolean startsWith(String text) {
        byte[] head = b.slice(0, text.length());
        return new String(head, StandardCharsets.ISO_8859_1).equals(text);
    }

    private static FrmFinding error(long offset, String code, String message) {
        return new FrmFinding(FrmFinding.Severity.ERROR, offset, code, message);
    }

    /** The counts and lengths of forminfo that locate the sections after it. */
    record Forminfo(int commentLength, String shortComment, int fieldCount, int screensLength, int namesLength,
            int intervalCount, int intervalParts, int intervalsLength, int nullFields, int commentsLength,
            int expressionsLength) {

        static Forminfo read(FrmBytes b, long pos) {
            int commentLength = b.u8(pos + 46);
            String comment = commentLength == 255 ? null
                    : b.string(pos + 47, Math.min(commentLength, 60), StandardCharsets.UTF_8);
            return new Forminfo(commentLength, comment, b.u16(pos + 258), b.u16(pos + 260), b.u16(pos + 268),
                    b.u16(pos + 270), b.u16(pos + 272), b.u16(pos + 274), b.u16(pos + 282), b.u16(pos + 284),
                    b.u16(pos + 286));
        }
    }

    static boolean packRecord(FrmHeader header) {
        return (header.createOptions() & HA_OPTION_PACK_RECORD) != 0;
    }
}
