package dev.salvage.frm;

import dev.salvage.schema.Collation;
import dev.salvage.schema.Column;
import dev.salvage.schema.ColumnType;
import dev.salvage.schema.MysqlCharset;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TypeKind;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Field entries + names + labels + expressions + default record → {@link Column}s and their row layout. */
final class FrmColumns {

    private static final int BINARY_COLLATION = 63;
    /** Character sets whose ENUM/SET labels the .frm keeps as hex (mbminlen &gt; 1). */
    private static final Set<String> HEX_LABEL_CHARSETS = Set.of("ucs2", "utf16", "utf16le", "utf32");
    /** MariaDB prints these DEFAULT expressions bare; others in parentheses. */
    private static final Set<String> BARE_DEFAULT_FUNCTIONS = Set.of("current_timestamp", "now", "localtime",
            "localtimestamp", "curdate", "current_date", "curtime", "current_time", "utc_timestamp", "utc_date",
            "utc_time", "sysdate");

    private final ServerDialect dialect;
    private final FrmHeader header;
    private final List<FrmField> fields;
    private final List<String> names;
    private final List<List<byte[]>> labelLists;
    private final FrmExtra2 extra2;
    private final List<FrmExpressions.Expression> expressions;
    private final byte[] record;
    private final List<FrmFinding> findings;
    private final List<FrmResult.FieldLayout> layouts = new ArrayList<>();
    /** Per field: first bit of a BIT column's uneven high bits among the NULL flags, else -1. */
    private int[] unevenBitStart = new int[0];

    FrmColumns(ServerDialect dialect, FrmHeader header, List<FrmField> fields, List<String> names,
            List<List<byte[]>> labelLists, FrmExtra2 extra2, List<FrmExpressions.Expression> expressions,
            byte[] record, List<FrmFinding> findings) {
        this.dialect = dialect;
        this.header = header;
        this.fields = fields;
        this.names = names;
        this.labelLists = labelLists;
        this.extra2 = extra2;
        this.expressions = expressions;
        this.record = record;
        this.findings = findings;
    }

    List<FrmResult.FieldLayout> layouts() {
        return layouts;
    }

    List<Column> build(List<String> comments) {
        int[] nullBits = nullBits();
        List<Column> columns = new ArrayList<>();
        for (FrmField f : fields) {
            String name = f.index() < names.size() ? names.get(f.index()) : "col_" + (f.index() + 1);
            columns.add(column(f, name, nullBits, comments.get(f.index())));
        }
        return columns;
    }

    private Column column(FrmField f, String name, int[] nullBits, String comment) {
        Collation collation = f.fieldType() == FrmTypes.GEOMETRY || f.collationId() == 0 ? null
                : Collation.byId(f.collationId(), dialect).orElse(null);
        if (collation == null && f.collationId() != 0 && f.fieldType() != FrmTypes.GEOMETRY) {
            findings.add(new FrmFinding(FrmFinding.Severity.WARNING, -1, "FRM_UNKNOWN_COLLATION",
                    "column " + name + ": unknown collation id " + f.collationId()));
        }
        boolean binary = f.collationId() == BINARY_COLLATION;
        String charset = collation == null ? null : collation.charset();
        int mbMaxLen = charset == null ? 1
                : MysqlCharset.byName(charset, dialect).map(MysqlCharset::maxBytesPerChar).orElse(1);
        List<String> labels = labels(f, charset, name);
        ColumnType type = FrmTypes.columnType(f, binary, mbMaxLen, labels, extra2.dataTypeNames().get(f.index()));
        if (type == null) {
            findings.add(new FrmFinding(FrmFinding.Severity.ERROR, -1, "FRM_UNKNOWN_TYPE",
                    "column " + name + ": unknown field type " + f.fieldType() + "; kept as varbinary"));
            type = ColumnType.of(TypeKind.VARBINARY, Math.max(1, f.length()));
        }
        String generated = null;
        boolean stored = false;
        String defaultExpression = null;
        String check = null;
        for (FrmExpressions.Expression e : expressions) {
            if (e.field() != f.index()) {
                continue;
            }
            switch (e.type()) {
                case FrmExpressions.VIRTUAL -> generated = "(" + e.text() + ")";
                case FrmExpressions.STORED -> {
                    generated = "(" + e.text() + ")";
                    stored = true;
                }
                case FrmExpressions.DEFAULT -> defaultExpression = e.text();
                case FrmExpressions.CHECK_FIELD -> check = "(" + e.text() + ")";
                default -> {
                }
            }
        }
        int offset = f.recordPosition() - 1;
        int packLength = FrmTypes.packLength(f, type);
        boolean virtual = generated != null && !stored;
        layouts.add(new FrmResult.FieldLayout(name, f.fieldType(), offset, f.length(), packLength,
                nullBits[f.index()], virtual));
        String defaultValue = generated != null ? null
                : defaultValue(f, type, charset, offset, nullBits, defaultExpression, name);
        String onUpdate = f.onUpdateNow() ? now(type) : null;
        boolean hasCharset = type.kind().hasCharset();
        boolean numeric = type.kind().isNumeric();
        return new Column(name, type, f.nullable(), defaultValue, onUpdate, hasCharset ? charset : null,
                hasCharset && collation != null ? collation.name() : null, numeric && (f.unsigned() || f.zerofill()),
                numeric && f.zerofill(), generated, stored, comment, f.autoIncrement(), extra2.invisible(f.index()),
                check);
    }

    private String defaultValue(FrmField f, ColumnType type, String charset, int offset, int[] nullBits,
            String expression, String name) {
        if (expression != null) {
            return mariadbDefaultExpression(expression.trim());
        }
        if (f.autoIncrement()) {
            return null;
        }
        if (f.defaultNow()) {
            return now(type);
        }
        if (f.noDefault()) {
            return null;
        }
        TypeKind kind = type.kind();
        boolean blob = switch (kind) {
            case TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> true;
            default -> false;
        };
        boolean pointerType = blob || kind == TypeKind.JSON || kind.family() == TypeKind.Family.GEOMETRY;
        if (blob && !dialect.isMariadb()) {
            return null; // MySQL never prints a default for TEXT/BLOB
        }
        if (f.nullable() && isNull(nullBits[f.index()])) {
            return "NULL";
        }
        if (pointerType) {
            return null;
        }
        long bitHigh = 0;
        if (f.fieldType() == FrmTypes.BIT && (f.packFlag() & FrmField.FLAG_TREAT_BIT_AS_CHAR) == 0) {
            bitHigh = bits(unevenBitStart[f.index()], f.length() & 7);
        }
        String value = FrmDefaults.literal(f, type, record, offset, charset, bitHigh);
        if (value == null) {
            findings.add(new FrmFinding(FrmFinding.Severity.WARNING, header.recordOffset() + Math.max(0, offset),
                    "FRM_DEFAULT_UNREADABLE", "column " + name + ": default value not decoded"));
            return null;
        }
        if (kind == TypeKind.BIT) {
            return "b'" + value + "'";
        }
        boolean bare = dialect.isMariadb() && (kind.isNumeric() || kind == TypeKind.YEAR);
        return bare ? value : FrmDefaults.quote(value);
    }

    /** MariaDB prints literals and NOW()-like calls as stored, other DEFAULT expressions in parentheses. */
    private static String mariadbDefaultExpression(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int paren = lower.indexOf('(');
        if (paren > 0 && BARE_DEFAULT_FUNCTIONS.contains(lower.substring(0, paren)) && lower.endsWith(")")) {
            return text;
        }
        if (text.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|NULL|'.*'|_[a-z0-9]+'.*'")) {
            return text;
        }
        return text.startsWith("(") && text.endsWith(")") ? text : "(" + text + ")";
    }

    private String now(ColumnType type) {
        int fsp = FrmTypes.fsp(type);
        if (dialect.isMariadb()) {
            return "current_timestamp(" + (fsp > 0 ? fsp : "") + ")";
        }
        return "CURRENT_TIMESTAMP" + (fsp > 0 ? "(" + fsp + ")" : "");
    }

    private List<String> labels(FrmField f, String charset, String column) {
        int n = f.intervalNumber();
        if (n == 0) {
            return List.of();
        }
        if (n > labelLists.size()) {
            findings.add(new FrmFinding(FrmFinding.Severity.ERROR, -1, "FRM_LABELS_MISSING",
                    "column " + column + ": label list " + n + " is missing"));
            return List.of();
        }
        Charset cs = charset == null ? StandardCharsets.ISO_8859_1
                : MysqlCharset.javaCharsetFor(charset).orElse(StandardCharsets.ISO_8859_1);
        boolean hex = charset != null && HEX_LABEL_CHARSETS.contains(charset);
        List<String> out = new ArrayList<>();
        for (byte[] raw : labelLists.get(n - 1)) {
            byte[] bytes = raw;
            if (hex) {
                try {
                    bytes = HexFormat.of().parseHex(new String(raw, StandardCharsets.ISO_8859_1));
                } catch (IllegalArgumentException e) {
                    bytes = raw;
                }
            }
            out.add(new String(bytes, cs));
        }
        return out;
    }

    /**
     * The NULL flag bit of each field, counted from the record start, -1 for NOT NULL fields. The flags start
     * at bit 1 (bit 0 marks deleted rows) unless the row format is packed; BIT columns keep their uneven high
     * bits right after their NULL flag; MySQL 5.7 puts the flags of virtual generated columns last.
     */
    private int[] nullBits() {
        int[] out = new int[fields.size()];
        unevenBitStart = new int[fields.size()];
        java.util.Arrays.fill(unevenBitStart, -1);
        int next = FrmTableBuilder.packRecord(header) ? 0 : 1;
        boolean mysql57Virtuals = !dialect.isMariadb() && header.serverVersion() >= 50700;
        for (int pass = 0; pass < 2; pass++) {
            for (FrmField f : fields) {
                boolean lateVirtual = mysql57Virtuals && f.generatedMysql57() && isVirtual57(f);
                if ((pass == 0) == lateVirtual) {
                    continue;
                }
                out[f.index()] = f.nullable() ? next : -1;
                next += f.nullable() ? 1 : 0;
                if (f.fieldType() == FrmTypes.BIT && (f.packFlag() & FrmField.FLAG_TREAT_BIT_AS_CHAR) == 0) {
                    unevenBitStart[f.index()] = next;
                    next += f.length() & 7;
                }
            }
        }
        return out;
    }

    private boolean isVirtual57(FrmField f) {
        return expressions.stream().anyMatch(e -> e.field() == f.index() && e.type() == FrmExpressions.VIRTUAL);
    }

    private boolean isNull(int bit) {
        return bit >= 0 && bits(bit, 1) == 1;
    }

    private long bits(int start, int count) {
        if (start < 0 || count == 0) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < count; i++) {
            int bit = start + i;
            if (bit / 8 >= record.length) {
                return 0;
            }
            value |= (long) ((record[bit / 8] >> (bit % 8)) & 1) << i;
        }
        return value;
    }
}
