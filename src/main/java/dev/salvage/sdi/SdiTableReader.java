package dev.salvage.sdi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.schema.Collation;
import dev.salvage.schema.Column;
import dev.salvage.schema.ColumnType;
import dev.salvage.schema.Index;
import dev.salvage.schema.IndexKind;
import dev.salvage.schema.IndexPart;
import dev.salvage.schema.MysqlCharset;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.SqlText;
import dev.salvage.schema.TableConstraint;
import dev.salvage.schema.TableDef;
import dev.salvage.schema.TypeKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the JSON of a table's SDI (sql/dd/impl/types/table_impl.cc, column_impl.cc, index_impl.cc serialize)
 * into a {@link TableDef} and the InnoDB ids of its indexes. Never throws: what cannot be read becomes a finding.
 */
public final class SdiTableReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** dd::Column::enum_hidden_type: 1 visible, 2 hidden by the engine (DB_TRX_ID...), 3 by SQL, 4 INVISIBLE. */
    private static final int HT_VISIBLE = 1;
    private static final int HT_HIDDEN_USER = 4;
    /** dd::Abstract_table::enum_hidden_type: HT_HIDDEN_SE, a table InnoDB made for itself (FTS auxiliary). */
    private static final int TABLE_HIDDEN_SE = 3;
    /** dd::Index_element::enum_index_element_order: ORDER_DESC. */
    private static final int ORDER_DESC = 3;
    /** Hidden key parts (the primary key appended to a secondary index) carry length (uint32) -1. */
    private static final long HIDDEN_ELEMENT_LENGTH = 0xffffffffL;
    /** dd::Table::enum_row_format, by the row_type option (handler.h enum row_type). */
    private static final String[] ROW_TYPES = {null, "FIXED", "DYNAMIC", "COMPRESSED", "REDUNDANT", "COMPACT", "PAGE"};

    private SdiTableReader() {
    }

    /** Reads a table SDI record; empty when the JSON is not a table (with a finding when it is unreadable). */
    public static Optional<SdiTable> read(SdiRecord record, List<SdiFinding> findings) {
        JsonNode root;
        try {
            root = JSON.readTree(record.json());
        } catch (IOException e) {
            findings.add(SdiFinding.error(record.page(), "SDI_JSON_INVALID", "SDI object id " + record.id()
                    + " is not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            return Optional.empty();
        }
        if (root == null || !"Table".equals(root.path("dd_object_type").asText())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SdiTableReader.Builder(record, root.path("dd_object")).build());
        } catch (RuntimeException e) {
            // A reader bug must not stop the run: the table is reported, not described.
            findings.add(SdiFinding.error(record.page(), "SDI_TABLE_UNREADABLE", "SDI object id " + record.id()
                    + ": " + e));
            return Optional.empty();
        }
    }

    /** Reads one table object. */
    private static final class Builder {
        private final SdiRecord record;
        private final JsonNode object;
        private final List<SdiFinding> findings = new ArrayList<>();
        private final List<Column> allColumns = new ArrayList<>();
        private final List<Long> columnByteLengths = new ArrayList<>();
        private final List<Boolean> columnShown = new ArrayList<>();

        Builder(SdiRecord record, JsonNode object) {
            this.record = record;
            this.object = object;
        }

        SdiTable build() {
            String name = object.path("name").asText("");
            if (name.isEmpty()) {
                finding("SDI_TABLE_NAME_MISSING", "table without a name; called unknown_table");
                name = "unknown_table";
            }
            String[] tableCharset = charsetOf(object.path("collation_id").asInt(-1), "table " + name);
            boolean engineHidden = object.path("hidden").asInt(1) == TABLE_HIDDEN_SE;
            for (JsonNode column : object.path("columns")) {
                readColumn(column, tableCharset);
            }
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < allColumns.size(); i++) {
                if (columnShown.get(i)) {
                    columns.add(allColumns.get(i));
                }
            }
            List<Index> indexes = new ArrayList<>();
            List<SdiIndexIds> ids = new ArrayList<>();
            List<String> indexNames = new ArrayList<>();
            for (JsonNode index : object.path("indexes")) {
                String indexName = index.path("name").asText("");
                indexNames.add(indexName);
                boolean hidden = index.path("hidden").asBoolean(false);
                if (!hidden) {
                    readIndex(index, indexName).ifPresent(indexes::add);
                }
                Map<String, String> se = privateData(index.path("se_private_data").asText(""));
                if (!se.isEmpty()) {
                    ids.add(ids(indexName, null, hidden, se));
                }
            }
            for (JsonNode partition : object.path("partitions")) {
                String partitionName = partition.path("name").asText("");
                for (JsonNode index : partition.path("indexes")) {
                    int opx = index.path("index_opx").asInt(-1);
                    String indexName = opx >= 0 && opx < indexNames.size() ? indexNames.get(opx) : "#" + opx;
                    boolean hidden = opx >= 0 && opx < object.path("indexes").size()
                            && object.path("indexes").get(opx).path("hidden").asBoolean(false);
                    ids.add(ids(indexName, partitionName, hidden, privateData(index.path("se_private_data").asText(""))));
                }
            }
            Map<String, String> options = tableOptions();
            String rowFormat = options.remove("ROW_FORMAT");
            String comment = object.path("comment").asText("");
            String partitioning = SdiPartitioning.clause(object, findings, record.page());
            List<TableConstraint> constraints = SdiForeignKeys.read(object, allColumns, findings, record.page());
            TableDef table = new TableDef(null, name, columns, indexes, constraints, tableCharset[0], tableCharset[1],
                    rowFormat, engine(), comment.isEmpty() ? null : comment, partitioning, options);
            long tableId = object.path("se_private_id").asLong(-1);
            long spaceId = ids.isEmpty() ? -1 : ids.get(0).spaceId();
            return new SdiTable(object.path("schema_ref").asText(null), table,
                    tableId < 0 ? -1 : tableId, spaceId, ids, findings, engineHidden);
        }

        /** Engine-hidden tables keep no column_type_utf8; their columns are not SQL and not worth a finding. */
        private boolean engineHiddenTable() {
            return object.path("hidden").asInt(1) == TABLE_HIDDEN_SE;
        }

        private String engine() {
            String engine = object.path("engine").asText("");
            return engine.isEmpty() ? null : engine;
        }

        private void readColumn(JsonNode c, String[] tableCharset) {
            String name = c.path("name").asText("");
            int hidden = c.path("hidden").isBoolean() ? (c.path("hidden").asBoolean() ? 2 : HT_VISIBLE)
                    : c.path("hidden").asInt(HT_VISIBLE);
            boolean shown = hidden == HT_VISIBLE || hidden == HT_HIDDEN_USER;
            boolean typed = !c.path("column_type_utf8").asText("").isEmpty();
            columnShown.add(shown);
            columnByteLengths.add(c.path("char_length").asLong(0));
            Optional<SdiColumnType> parsed = shown ? SdiColumnType.parse(c.path("column_type_utf8").asText(null))
                    : Optional.empty();
            if (shown && parsed.isEmpty() && (typed || !engineHiddenTable())) {
                finding("SDI_COLUMN_TYPE_UNKNOWN", "column " + name + ": type '" + c.path("column_type_utf8").asText()
                        + "' not understood; written as blob");
            }
            SdiColumnType t = parsed.orElse(new SdiColumnType(ColumnType.of(TypeKind.BLOB), false, false));
            TypeKind kind = t.type().kind();
            String[] charset = kind.hasCharset() ? charsetOf(c.path("collation_id").asInt(-1), "column " + name)
                    : new String[] {null, null};
            if (charset[0] == null && kind.hasCharset()) {
                charset = tableCharset;
            }
            String generated = generation(c);
            boolean autoIncrement = c.path("is_auto_increment").asBoolean(false);
            String defaultValue = generated != null || autoIncrement ? null : defaultValue(c, kind);
            String update = c.path("update_option").asText("");
            String comment = c.path("comment").asText("");
            allColumns.add(new Column(name.isEmpty() ? "unnamed_" + allColumns.size() : name, t.type(),
                    c.path("is_nullable").asBoolean(true), defaultValue, update.isEmpty() ? null : update,
                    charset[0], charset[1], t.unsigned(), t.zerofill(), generated,
                    generated != null && !c.path("is_virtual").asBoolean(false), comment.isEmpty() ? null : comment,
                    autoIncrement, hidden == HT_HIDDEN_USER, null));
        }

        /**
         * The DEFAULT clause as SHOW CREATE TABLE prints it (sql_show.cc print_default_clause): none for BLOB and
         * TEXT columns and columns without a default, NULL, a function (default_option), a bit literal as
         * stored, else the value quoted.
         */
        private String defaultValue(JsonNode c, TypeKind kind) {
            if (c.path("has_no_default").asBoolean(false) || isBlobOrText(kind)) {
                return null;
            }
            String option = c.path("default_option").asText("");
            if (!option.isEmpty()) {
                return option;
            }
            if (c.path("default_value_null").asBoolean(false)) {
                return c.path("is_nullable").asBoolean(true) ? "NULL" : null;
            }
            if (c.path("default_value_utf8_null").asBoolean(false)) {
                return null;
            }
            String value = c.path("default_value_utf8").asText("");
            return kind == TypeKind.BIT ? value : SqlText.quoteString(value);
        }

        private static boolean isBlobOrText(TypeKind kind) {
            return switch (kind) {
                case TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> true;
                default -> false;
            };
        }

        /**
         * The generation expression in parentheses as SHOW CREATE TABLE prints it. generation_expression is
         * preferred: 8.0's generation_expression_utf8 holds quotes escaped with backslashes.
         */
        private static String generation(JsonNode c) {
            String expression = c.path("generation_expression").asText("");
            if (expression.isEmpty()) {
                expression = c.path("generation_expression_utf8").asText("").replace("\\'", "'");
            }
            return expression.isEmpty() ? null : "(" + expression + ")";
        }

        private Optional<Index> readIndex(JsonNode index, String name) {
            IndexKind kind = switch (index.path("type").asInt(3)) {
                case 1 -> IndexKind.PRIMARY;
                case 2 -> IndexKind.UNIQUE;
                case 4 -> IndexKind.FULLTEXT;
                case 5 -> IndexKind.SPATIAL;
                default -> IndexKind.KEY;
            };
            List<IndexPart> parts = new ArrayList<>();
            for (JsonNode element : index.path("elements")) {
                long length = element.path("length").asLong(HIDDEN_ELEMENT_LENGTH);
                if (element.path("hidden").asBoolean(false) || length == HIDDEN_ELEMENT_LENGTH) {
                    continue;
                }
                int opx = element.path("column_opx").asInt(-1);
                if (opx < 0 || opx >= allColumns.size()) {
                    finding("SDI_INDEX_COLUMN_MISSING", "index " + name + ": key part refers to column #" + opx
                            + " of " + allColumns.size());
                    continue;
                }
                Column column = allColumns.get(opx);
                parts.add(new IndexPart(column.name(), kind == IndexKind.SPATIAL || kind == IndexKind.FULLTEXT ? null
                        : prefix(column, length, columnByteLengths.get(opx)),
                        element.path("order").asInt(2) == ORDER_DESC));
            }
            if (parts.isEmpty()) {
                finding("SDI_INDEX_EMPTY", "index " + name + " has no readable key parts; left out");
                return Optional.empty();
            }
            String comment = index.path("comment").asText("");
            return Optional.of(new Index(name.isEmpty() ? "unnamed" : name, kind, parts,
                    index.path("is_visible").asBoolean(true), comment.isEmpty() ? null : comment));
        }

        /** Characters of a string column the key holds, when fewer than all (key lengths are in bytes). */
        private static Integer prefix(Column column, long keyBytes, long columnBytes) {
            TypeKind kind = column.type().kind();
            boolean strings = kind.family() == TypeKind.Family.TEXT || kind.family() == TypeKind.Family.BINARY;
            if (!strings || kind == TypeKind.ENUM || kind == TypeKind.SET || keyBytes <= 0 || keyBytes >= columnBytes) {
                return null;
            }
            int perChar = column.charset() == null ? 1 : MysqlCharset.byName(column.charset(), ServerDialect.MYSQL_8_0)
                    .map(MysqlCharset::maxBytesPerChar).orElse(1);
            return (int) (keyBytes / Math.max(1, perChar));
        }

        /**
         * Table options as SHOW CREATE TABLE names them, in its order (sql_show.cc store_create_info), from the
         * dd options string; values that are the default are not written, as the server does not print them.
         */
        private Map<String, String> tableOptions() {
            Map<String, String> options = new LinkedHashMap<>();
            Map<String, String> raw = privateData(object.path("options").asText(""));
            putPositive(options, "MIN_ROWS", raw.get("min_rows"));
            putPositive(options, "MAX_ROWS", raw.get("max_rows"));
            putPositive(options, "AVG_ROW_LENGTH", raw.get("avg_row_length"));
            if (raw.containsKey("pack_keys")) {
                options.put("PACK_KEYS", raw.get("pack_keys"));
            }
            if (raw.containsKey("stats_persistent")) {
                options.put("STATS_PERSISTENT", raw.get("stats_persistent"));
            }
            // enum_stats_auto_recalc: 0 default, 1 on, 2 off.
            int recalc = parseInt(raw.get("stats_auto_recalc"));
            if (recalc == 1 || recalc == 2) {
                options.put("STATS_AUTO_RECALC", recalc == 1 ? "1" : "0");
            }
            putPositive(options, "STATS_SAMPLE_PAGES", raw.get("stats_sample_pages"));
            if (parseInt(raw.get("checksum")) > 0) {
                options.put("CHECKSUM", "1");
            }
            if (parseInt(raw.get("delay_key_write")) > 0) {
                options.put("DELAY_KEY_WRITE", "1");
            }
            int rowType = parseInt(raw.get("row_type"));
            if (rowType > 0 && rowType < ROW_TYPES.length) {
                options.put("ROW_FORMAT", ROW_TYPES[rowType]);
            }
            putPositive(options, "KEY_BLOCK_SIZE", raw.get("key_block_size"));
            String compress = raw.get("compress");
            if (compress != null && !compress.isEmpty()) {
                options.put("COMPRESSION", SqlText.quoteString(compress));
            }
            String encrypt = raw.get("encrypt_type");
            if (encrypt != null && !encrypt.isEmpty() && !encrypt.equalsIgnoreCase("N")) {
                options.put("ENCRYPTION", SqlText.quoteString(encrypt));
            }
            return options;
        }

        private static void putPositive(Map<String, String> options, String name, String value) {
            if (parseLong(value) > 0) {
                options.put(name, value.trim());
            }
        }

        /** {charset, collation} for a collation id; {null, null} with a finding when the id is unknown. */
        private String[] charsetOf(int collationId, String what) {
            Optional<Collation> collation = Collation.byId(collationId, ServerDialect.MYSQL_8_0);
            if (collation.isEmpty()) {
                finding("SDI_COLLATION_UNKNOWN", what + ": collation id " + collationId + " unknown");
                return new String[] {null, null};
            }
            return new String[] {collation.get().charset(), collation.get().name()};
        }

        private SdiIndexIds ids(String index, String partition, boolean hidden, Map<String, String> se) {
            // The dictionary calls the generated clustered index of a keyless table PRIMARY; InnoDB (and
            // INNODB_INDEXES) call it GEN_CLUST_INDEX.
            String name = hidden && index.equals("PRIMARY") ? "GEN_CLUST_INDEX" : index;
            // A FULLTEXT index has no B-tree: its root is FIL_NULL, shown as -1 like INNODB_INDEXES does.
            long root = parseLong(se.get("root"));
            return new SdiIndexIds(name, partition, hidden, parseLong(se.get("id")), root == 0xffffffffL ? -1 : root,
                    parseLong(se.get("space_id")), parseLong(se.get("table_id")));
        }

        private void finding(String code, String message) {
            findings.add(SdiFinding.warning(record.page(), code, message));
        }
    }

    /** {@code id=140;root=4;space_id=2;} → map; malformed pairs are skipped. */
    static Map<String, String> privateData(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int parseInt(String value) {
        long n = parseLong(value);
        return n < Integer.MIN_VALUE || n > Integer.MAX_VALUE ? -1 : (int) n;
    }
}
