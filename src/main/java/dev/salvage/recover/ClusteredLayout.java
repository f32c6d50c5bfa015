package dev.salvage.recover;

import dev.salvage.innodb.rec.FieldLayout;
import dev.salvage.innodb.rec.InstantFieldMap;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.schema.Column;
import dev.salvage.schema.Index;
import dev.salvage.schema.IndexKind;
import dev.salvage.schema.IndexPart;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's clustered index record as InnoDB builds it (dict0dict.cc {@code dict_index_build_internal_clust}):
 * the key fields (PRIMARY KEY columns in key order; else the first UNIQUE key whose columns are all NOT NULL;
 * else DB_ROW_ID), DB_TRX_ID, DB_ROLL_PTR, then every other stored column in table order. A key part that
 * holds only a prefix does not count as containing its column, so the full column follows later as well.
 * Virtual generated columns have no bytes in the record.
 *
 * <p>For each output column (the table's non-virtual columns, as {@code out.RowLayout.of} orders them) the
 * layout says which field holds the whole value.
 */
public final class ClusteredLayout {

    private final TableDef table;
    private final RecordFormat format;
    private final TemporalFormat temporal;
    private final ServerDialect dialect;
    private final FieldLayout leaf;
    private final int keyFields;
    private final String keyName;
    private final List<Column> outputColumns;
    private final int[] fieldOfOutput;
    private final int trxIdField;

    private ClusteredLayout(TableDef table, RecordFormat format, TemporalFormat temporal, ServerDialect dialect,
            FieldLayout leaf, int keyFields, String keyName, List<Column> outputColumns, int[] fieldOfOutput) {
        this.table = table;
        this.format = format;
        this.temporal = temporal;
        this.dialect = dialect;
        this.leaf = leaf;
        this.keyFields = keyFields;
        this.keyName = keyName;
        this.outputColumns = List.copyOf(outputColumns);
        this.fieldOfOutput = fieldOfOutput;
        this.trxIdField = keyFields;
    }

    /**
     * Where {@code column} (an element of the table's own list) is in {@code columns}, -1 when absent, as
     * {@code indexOf} but by identity: a record's equals() is bootstrapped through method handles on first use,
     * which cost a cold run tens of milliseconds.
     */
    private static int indexOfSame(List<Column> columns, Column column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i) == column) {
                return i;
            }
        }
        return -1;
    }

    /** The layout of {@code table}'s clustered index leaf records in {@code format}. */
    public static ClusteredLayout of(TableDef table, RecordFormat format, TemporalFormat temporal,
            ServerDialect dialect) {
        Optional<Index> key = clusteringKey(table);
        FieldLayout.Builder b = FieldLayout.builder();
        List<Column> output = new ArrayList<>();
        for (Column c : table.columns()) {
            if (!c.isVirtual()) {
                output.add(c);
            }
        }
        int[] fieldOf = new int[output.size()];
        java.util.Arrays.fill(fieldOf, -1);
        int fields = 0;
        if (key.isPresent()) {
            for (IndexPart part : key.get().parts()) {
                Column c = table.column(part.column()).orElseThrow(
                        () -> new IllegalArgumentException("key column " + part.column() + " not in the table"));
                ColumnStorage storage = ColumnStorage.of(c, table.charset(), format, temporal, dialect);
                if (part.prefixLength() != null) {
                    int bytesPerUnit = c.type().kind().hasCharset()
                            ? ColumnStorage.maxBytes(ColumnStorage.charsetOf(c, table.charset()), dialect) : 1;
                    int prefix = part.prefixLength() * bytesPerUnit;
                    if (storage.fixed() > 0) {
                        b.fixed(c.name() + "(prefix)", Math.min(storage.fixed(), prefix), false);
                    } else {
                        b.variable(c.name() + "(prefix)", Math.min(storage.maxLen(), prefix), false);
                    }
                } else {
                    add(b, c.name(), storage, false);
                    fieldOf[indexOfSame(output, c)] = fields;
                }
                fields++;
            }
        } else {
            b.rowId();
            fields++;
        }
        int keyFields = fields;
        b.systemColumns();
        fields += 2;
        for (int i = 0; i < output.size(); i++) {
            if (fieldOf[i] >= 0) {
                continue;
            }
            Column c = output.get(i);
            add(b, c.name(), ColumnStorage.of(c, table.charset(), format, temporal, dialect), c.nullable());
            fieldOf[i] = fields++;
        }
        return new ClusteredLayout(table, format, temporal, dialect, b.build(), keyFields,
                key.map(Index::name).orElse("GEN_CLUST_INDEX (DB_ROW_ID)"), output, fieldOf);
    }

    private static void add(FieldLayout.Builder b, String name, ColumnStorage storage, boolean nullable) {
        if (storage.blob()) {
            b.blob(name, nullable);
        } else if (storage.fixed() > 0) {
            b.fixed(name, storage.fixed(), nullable);
        } else {
            b.variable(name, storage.maxLen(), nullable);
        }
    }

    /**
     * The same layout for an index altered by instant ADD COLUMN: records written before the first such ALTER
     * store only the first {@code coreFields} fields. Out-of-range counts (damage) leave the layout unchanged.
     */
    public ClusteredLayout withCoreFields(int coreFields) {
        if (coreFields <= keyFields + 2 || coreFields >= leaf.size()) {
            return this;
        }
        return new ClusteredLayout(table, format, temporal, dialect, leaf.withCoreFields(coreFields), keyFields,
                keyName, outputColumns, fieldOfOutput);
    }

    /**
     * The physical layout after MariaDB instant DROP/reorder: the key and system fields as before, then the
     * fields in the metadata BLOB's order, dropped columns included (their bytes are still in old records).
     * Returns this layout unchanged when the map does not fit the definition (another table's, or damaged).
     */
    public ClusteredLayout withFieldMap(InstantFieldMap map) {
        FieldLayout.Builder b = FieldLayout.builder();
        int first = keyFields + 2;
        for (int i = 0; i < first; i++) {
            copyField(b, leaf, i, leaf.name(i), leaf.isNullable(i));
        }
        int[] fieldOf = fieldOfOutput.clone();
        boolean[] placed = new boolean[outputColumns.size()];
        for (int i = 0; i < placed.length; i++) {
            placed[i] = fieldOfOutput[i] < keyFields;
        }
        int position = first;
        int dropped = 0;
        for (InstantFieldMap.Field f : map.fields()) {
            if (position >= FieldLayout.MAX_FIELDS) {
                return this;
            }
            if (f.dropped()) {
                String name = "dropped#" + dropped++;
                if (f.fixed() > 0) {
                    b.fixed(name, f.fixed(), f.nullable());
                } else if (f.big()) {
                    b.blob(name, f.nullable());
                } else {
                    b.variable(name, 255, f.nullable());
                }
            } else {
                int column = f.column();
                if (column >= placed.length || placed[column]) {
                    return this;
                }
                int old = fieldOfOutput[column];
                copyField(b, leaf, old, leaf.name(old), leaf.isNullable(old));
                fieldOf[column] = position;
                placed[column] = true;
            }
            position++;
        }
        for (boolean p : placed) {
            if (!p) {
                return this;
            }
        }
        return new ClusteredLayout(table, format, temporal, dialect, b.build(), keyFields, keyName, outputColumns,
                fieldOf);
    }

    private static void copyField(FieldLayout.Builder b, FieldLayout from, int i, String name, boolean nullable) {
        if (from.fixedLength(i) > 0) {
            b.fixed(name, from.fixedLength(i), nullable);
        } else if (from.maxLength(i) == Integer.MAX_VALUE) {
            b.blob(name, nullable);
        } else {
            b.variable(name, from.maxLength(i), nullable);
        }
    }

    /** PRIMARY KEY, else the first UNIQUE key of NOT NULL columns without prefixes, else none (DB_ROW_ID). */
    static Optional<Index> clusteringKey(TableDef table) {
        Optional<Index> pk = table.primaryKey();
        if (pk.isPresent()) {
            return pk;
        }
        for (Index index : table.indexes()) {
            if (index.kind() != IndexKind.UNIQUE || index.parts().isEmpty()) {
                continue;
            }
            boolean eligible = true;
            for (IndexPart part : index.parts()) {
                Optional<Column> c = table.column(part.column());
                eligible &= c.isPresent() && !c.get().nullable() && !c.get().isVirtual() && part.prefixLength() == null;
            }
            if (eligible) {
                return Optional.of(index);
            }
        }
        return Optional.empty();
    }

    public TableDef table() {
        return table;
    }

    public RecordFormat format() {
        return format;
    }

    public TemporalFormat temporal() {
        return temporal;
    }

    /** Which server wrote the records (MySQL keeps JSON binary, MariaDB as text). */
    public ServerDialect dialect() {
        return dialect;
    }

    /** The leaf record layout for {@code RecordParser}. */
    public FieldLayout leaf() {
        return leaf;
    }

    /** The node pointer layout (key fields + child page number). */
    public FieldLayout nodePointer() {
        return leaf.nodePointer(keyFields);
    }

    /** Fields before DB_TRX_ID: the key (or DB_ROW_ID). */
    public int keyFields() {
        return keyFields;
    }

    /** Which index InnoDB clusters on, for reports. */
    public String keyName() {
        return keyName;
    }

    public int trxIdField() {
        return trxIdField;
    }

    public int rollPtrField() {
        return trxIdField + 1;
    }

    /** The columns rows are made of: the table's columns minus virtual ones, in table order. */
    public List<Column> outputColumns() {
        return outputColumns;
    }

    /** The record field holding output column {@code i}'s full value. */
    public int fieldOf(int outputColumn) {
        return fieldOfOutput[outputColumn];
    }

    @Override
    public String toString() {
        return format + " " + temporal + " " + leaf;
    }
}
