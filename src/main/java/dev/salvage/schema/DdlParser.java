package dev.salvage.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;

/**
 * Reads CREATE TABLE statements as MySQL 5.5–8.0 and MariaDB print them (SHOW CREATE TABLE, mysqldump,
 * mariadb-dump) into {@link TableDef}s. Other statements in the text are skipped. Bad input never throws:
 * a statement that cannot be read becomes a {@link DdlProblem} naming its line.
 */
public final class DdlParser {

    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^CREATE\\s+(TEMPORARY\\s+)?TABLE\\b.*");

    private final ServerDialect dialect;

    /** @param dialect the server that wrote the DDL; it supplies the defaults the DDL leaves out */
    public DdlParser(ServerDialect dialect) {
        this.dialect = dialect;
    }

    public ServerDialect dialect() {
        return dialect;
    }

    public DdlParseResult parse(String ddl) {
        List<TableDef> tables = new ArrayList<>();
        List<DdlProblem> problems = new ArrayList<>();
        for (SqlStatement statement : SqlScript.split(ddl)) {
            if (CREATE_TABLE.matcher(statement.text()).matches()) {
                TableReader reader = new TableReader(statement.line(), problems);
                TableDef table = reader.read(statement.text());
                if (table != null) {
                    tables.add(table);
                }
            }
        }
        return new DdlParseResult(tables, problems);
    }

    /** Reads one CREATE TABLE; collects problems instead of throwing. */
    private final class TableReader {
        private final int line;
        private final List<DdlProblem> problems;
        private String tableName;

        TableReader(int line, List<DdlProblem> problems) {
            this.line = line;
            this.problems = problems;
        }

        TableDef read(String text) {
            CreateTableText parts = CreateTableText.of(text);
            CreateTable create;
            try {
                Statement parsed = CCJSqlParserUtil.parse(parts.body());
                if (!(parsed instanceof CreateTable ct) || ct.getTable() == null) {
                    fatal("not a CREATE TABLE statement JSqlParser understands");
                    return null;
                }
                create = ct;
            } catch (Exception | StackOverflowError e) {
                fatal("cannot parse CREATE TABLE: " + firstLine(e.getMessage()));
                return null;
            }
            tableName = SqlText.unquoteIdentifier(create.getTable().getName());
            if (create.getColumnDefinitions() == null || create.getColumnDefinitions().isEmpty()) {
                fatal("CREATE TABLE without columns (CREATE TABLE ... LIKE / AS SELECT are not supported)");
                return null;
            }
            try {
                return convert(create, parts.partitioning());
            } catch (UnreadableDdl e) {
                fatal(e.getMessage());
                return null;
            }
        }

        private TableDef convert(CreateTable create, String partitioning) {
            Map<String, String> options = TableOptions.read(create.getTableOptionsStrings());
            String engine = options.remove("ENGINE");
            String rowFormat = upper(options.remove("ROW_FORMAT"));
            String comment = unquoted(options.remove("COMMENT"));
            String[] tableCharset = resolveCharset(unquoted(options.remove("CHARSET")),
                    unquoted(options.remove("COLLATE")), null);
            List<Column> columns = new ArrayList<>();
            IndexReader indexes = new IndexReader(this::warn);
            for (ColumnDefinition definition : create.getColumnDefinitions()) {
                columns.add(column(definition, tableCharset, indexes));
            }
            List<TableConstraint> constraints = new ArrayList<>();
            if (create.getIndexes() != null) {
                for (var index : create.getIndexes()) {
                    if (index instanceof CheckConstraint || index instanceof ForeignKeyIndex) {
                        constraints.add(IndexReader.constraint(index));
                    } else {
                        indexes.add(index);
                    }
                }
            }
            String schema = SqlText.unquoteIdentifier(create.getTable().getSchemaName());
            return new TableDef(schema, tableName, columns, indexes.indexes(), constraints, tableCharset[0],
                    tableCharset[1], rowFormat, engine, comment, partitioning, options);
        }

        private Column column(ColumnDefinition definition, String[] tableCharset, IndexReader indexes) {
            String name = SqlText.unquoteIdentifier(definition.getColumnName());
            ColDataType dataType = definition.getColDataType();
            ColumnType type = ColumnTypes.of(dataType)
                    .orElseThrow(() -> new UnreadableDdl("column " + name + ": unknown type " + dataType.getDataType()));
            ColumnAttributes a = ColumnAttributes.read(definition.getColumnSpecs());
            if (!a.unknown.isEmpty()) {
                warn("column " + name + ": ignored attributes " + a.unknown);
            }
            String charset = dataType.getCharacterSet() != null ? dataType.getCharacterSet() : a.charset;
            String[] cs = type.kind().hasCharset() ? resolveCharset(charset, a.collation, tableCharset)
                    : new String[] {null, null};
            boolean unsigned = dataType.getSignedness() == ColDataType.Signedness.UNSIGNED || dataType.isZerofill();
            // A column without NULL / NOT NULL is nullable, except that PRIMARY KEY implies NOT NULL.
            boolean nullable = a.nullable != null ? a.nullable : !a.primaryKey;
            if (a.primaryKey) {
                indexes.addInline(IndexKind.PRIMARY, name);
            } else if (a.unique) {
                indexes.addInline(IndexKind.UNIQUE, name);
            }
            return new Column(name, type, nullable, a.defaultValue, a.onUpdate, cs[0], cs[1], unsigned,
                    dataType.isZerofill(), a.generated, a.generatedStored, a.comment, a.autoIncrement, a.invisible,
                    a.check);
        }

        /**
         * {charset, collation} from what the DDL names: a collation implies its character set, a character set
         * its default collation on this server; with neither, the inherited pair (the table's), else the
         * server's default.
         */
        private String[] resolveCharset(String charset, String collation, String[] inherited) {
            if (collation != null) {
                String owner = Collation.byName(collation, dialect).map(Collation::charset).orElse(null);
                if (owner == null) {
                    warn("unknown collation " + collation);
                    owner = charset != null ? charset : collation.substring(0, Math.max(0, collation.indexOf('_')));
                }
                return new String[] {charset != null ? charset : owner, collation};
            }
            if (charset == null) {
                if (inherited != null) {
                    return inherited;
                }
                charset = dialect.defaultCharset();
            }
            String chosen = charset;
            String defaultCollation = MysqlCharset.byName(charset, dialect).map(MysqlCharset::defaultCollation)
                    .orElseGet(() -> {
                        warn("unknown character set " + chosen);
                        return null;
                    });
            return new String[] {charset, defaultCollation};
        }

        private void fatal(String message) {
            problems.add(new DdlProblem(line, tableName, true, message));
        }

        private void warn(String message) {
            problems.add(new DdlProblem(line, tableName, false, message));
        }
    }

    private static String unquoted(String value) {
        return value == null ? null : SqlText.unquoteString(SqlText.unquoteIdentifier(value));
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        return message.lines().filter(l -> !l.isBlank()).findFirst().orElse(message).trim();
    }

    /** A table whose definition cannot be turned into a model; reported as a problem, never thrown out. */
    static final class UnreadableDdl extends RuntimeException {
        UnreadableDdl(String message) {
            super(message, null, false, false);
        }
    }
}
