package dev.salvage.myisam;

import dev.salvage.out.RowValue;
import dev.salvage.schema.Index;
import dev.salvage.schema.TableDef;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Rows to leave out of a dump by key value, as a DBA does when one key's rows are known to be broken:
 * {@code INDEX=VALUE[,VALUE…]} names an index of the table ({@code PRIMARY} for the primary key) and one value
 * per index column, written as {@code salvage myisam rows} prints it in TSV (numbers and dates as MySQL prints
 * them, binary values in hex, {@code \N} for NULL; a comma inside a value as {@code \,}). A row is left out when
 * every column of the index equals the given value exactly; the whole column is compared, also for prefix indexes.
 * {@code @OFFSET} instead names one record by where it starts in the .MYD, as {@code check} prints it
 * ({@code Record at: OFFSET …}), for a record whose key columns themselves are damaged.
 */
public final class KeyExclusion {

    private final String spec;
    private final String index;
    private final int[] fields;
    private final String[] values;
    private final long position;
    private long matched;

    private KeyExclusion(String spec, String index, int[] fields, String[] values, long position) {
        this.spec = spec;
        this.index = index;
        this.fields = fields;
        this.values = values;
        this.position = position;
    }

    /**
     * Parses one specification against a table's layout.
     *
     * @throws IllegalArgumentException with a message for the user when the index or the number of values is wrong
     */
    public static KeyExclusion parse(String spec, MyisamLayout layout) {
        if (spec.startsWith("@")) {
            try {
                long at = Long.parseLong(spec.substring(1).trim());
                if (at >= 0) {
                    return new KeyExclusion(spec, null, new int[0], new String[0], at);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + spec + "': expected @OFFSET, a record's byte offset in the .MYD");
        }
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("'" + spec + "': expected INDEX=VALUE[,VALUE...]");
        }
        String name = spec.substring(0, eq).trim();
        TableDef table = layout.table();
        Index index = table.index(name).orElseThrow(() -> new IllegalArgumentException("'" + spec + "': table "
                + table.name() + " has no index " + name + " (indexes: " + table.indexes().stream().map(Index::name)
                .toList() + ")"));
        List<String> values = splitValues(spec.substring(eq + 1));
        List<String> columns = index.columnNames();
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("'" + spec + "': index " + index.name() + " has " + columns.size()
                    + " column(s) " + columns + " but " + values.size() + " value(s) were given");
        }
        int[] fields = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            fields[i] = fieldIndex(layout, columns.get(i));
            if (fields[i] < 0) {
                throw new IllegalArgumentException("'" + spec + "': column " + columns.get(i) + " is not stored");
            }
        }
        return new KeyExclusion(spec, index.name(), fields, values.toArray(new String[0]), -1);
    }

    private static int fieldIndex(MyisamLayout layout, String column) {
        for (int i = 0; i < layout.fields().size(); i++) {
            if (layout.fields().get(i).column().name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitValues(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** True (and counted) when the row at {@code at} is the excluded record or holds exactly the excluded values. */
    public boolean matches(List<RowValue> row, long at) {
        if (position >= 0) {
            if (at != position) {
                return false;
            }
            matched++;
            return true;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] >= row.size() || !equal(row.get(fields[i]), values[i])) {
                return false;
            }
        }
        matched++;
        return true;
    }

    private static boolean equal(RowValue v, String wanted) {
        if (v instanceof RowValue.Null) {
            return wanted.equals("\\N");
        }
        if (v instanceof RowValue.Text t) {
            return t.text().equals(wanted);
        }
        if (v instanceof RowValue.Bytes b) {
            // Hex digits never include 'x', so an optional 0x prefix is simply dropped (no regex per row).
            String digits = wanted.startsWith("0x") || wanted.startsWith("0X") ? wanted.substring(2) : wanted;
            return HexFormat.of().formatHex(b.bytes()).equalsIgnoreCase(digits);
        }
        return false;
    }

    public String spec() {
        return spec;
    }

    /** The index named, or null for an {@code @OFFSET} exclusion. */
    public String index() {
        return index;
    }

    /** Rows left out so far. */
    public long matched() {
        return matched;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d rows)", spec, matched);
    }
}
