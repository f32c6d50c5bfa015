package dev.salvage.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import net.sf.jsqlparser.statement.create.table.Index.ColumnParams;
import net.sf.jsqlparser.statement.create.table.NamedConstraint;

/** Collects a table's indexes from JSqlParser's index elements and inline PRIMARY KEY / UNIQUE columns. */
final class IndexReader {

    private final List<Index> indexes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Consumer<String> warn;

    IndexReader(Consumer<String> warn) {
        this.warn = warn;
    }

    List<Index> indexes() {
        return indexes;
    }

    void addInline(IndexKind kind, String column) {
        add(new Index(kind == IndexKind.PRIMARY ? "PRIMARY" : uniqueName(column), kind,
                List.of(IndexPart.of(column)), true, null));
    }

    void add(net.sf.jsqlparser.statement.create.table.Index index) {
        String type = index.getType() == null ? "KEY" : index.getType().toUpperCase(Locale.ROOT);
        IndexKind kind = type.contains("PRIMARY") ? IndexKind.PRIMARY
                : type.contains("UNIQUE") ? IndexKind.UNIQUE
                : type.contains("FULLTEXT") ? IndexKind.FULLTEXT
                : type.contains("SPATIAL") ? IndexKind.SPATIAL
                : IndexKind.KEY;
        List<IndexPart> parts = new ArrayList<>();
        for (ColumnParams column : index.getColumns() == null ? List.<ColumnParams>of() : index.getColumns()) {
            parts.add(part(column));
        }
        if (parts.isEmpty()) {
            warn.accept("index " + index.getName() + " has no columns; left out");
            return;
        }
        boolean visible = true;
        String comment = index.getCommentText() == null ? null : SqlText.unquoteString(index.getCommentText());
        List<String> spec = index.getIndexSpec() == null ? List.of() : index.getIndexSpec();
        for (int i = 0; i < spec.size(); i++) {
            String word = spec.get(i).toUpperCase(Locale.ROOT);
            if (word.equals("INVISIBLE") || word.equals("IGNORED")) {
                visible = false;
            } else if (word.equals("COMMENT") && i + 1 < spec.size()) {
                comment = SqlText.unquoteString(spec.get(++i));
            }
        }
        // UNIQUE KEY `u` keeps its name apart from a CONSTRAINT name in JSqlParser.
        String declared = index instanceof NamedConstraint constraint && constraint.getIndexName() != null
                ? constraint.getIndexName() : index.getName();
        String name = kind == IndexKind.PRIMARY ? "PRIMARY"
                : declared != null ? SqlText.unquoteIdentifier(declared)
                : uniqueName(parts.get(0).column());
        add(new Index(name, kind, parts, visible, comment));
    }

    private IndexPart part(ColumnParams column) {
        if (column.isExpression()) {
            warn.accept("functional key part " + column + " kept as text");
        }
        String name = SqlText.unquoteIdentifier(column.isExpression() ? String.valueOf(column.getExpression())
                : column.getColumnName());
        Integer prefix = null;
        boolean descending = column.getSortOrder() == ColumnParams.SortOrder.DESC;
        for (String param : column.getParams() == null ? List.<String>of() : column.getParams()) {
            String p = param.trim();
            if (p.startsWith("(") && p.endsWith(")")) {
                try {
                    prefix = Integer.valueOf(p.substring(1, p.length() - 1).trim());
                } catch (NumberFormatException e) {
                    warn.accept("key part " + name + ": unreadable prefix " + p);
                }
            } else if (p.equalsIgnoreCase("DESC")) {
                descending = true;
            }
        }
        return new IndexPart(name, prefix, descending);
    }

    private void add(Index index) {
        names.add(index.name().toLowerCase(Locale.ROOT));
        indexes.add(index);
    }

    /** MySQL names an unnamed index after its first column, adding _2, _3 ... on a clash. */
    private String uniqueName(String column) {
        String candidate = column;
        for (int n = 2; names.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = column + "_" + n;
        }
        return candidate;
    }

    static TableConstraint constraint(net.sf.jsqlparser.statement.create.table.Index index) {
        String text = index.toString().trim();
        String name = index.getName() == null ? null : SqlText.unquoteIdentifier(index.getName());
        // toString() repeats "CONSTRAINT name"; the model keeps what follows.
        if (text.regionMatches(true, 0, "CONSTRAINT", 0, 10)) {
            text = text.substring(10).trim();
            if (index.getName() != null && text.startsWith(index.getName())) {
                text = text.substring(index.getName().length()).trim();
            }
        }
        return new TableConstraint(name, text);
    }
}
