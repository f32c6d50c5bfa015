package dev.salvage.check.keys;

import dev.salvage.innodb.rec.FieldLayout;
import dev.salvage.recover.ClusteredLayout;
import dev.salvage.recover.TemporalFormat;
import dev.salvage.schema.Column;
import dev.salvage.schema.Index;
import dev.salvage.schema.IndexKind;
import dev.salvage.schema.IndexPart;
import dev.salvage.schema.MysqlCharset;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;
import dev.salvage.schema.TypeKind;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the {@link IndexShape}s of a table from its clustered layout (dict0dict.cc, see IndexShape). */
final class ShapeBuilder {

    /** DICT_MAX_FIXED_COL_LEN: longer fixed fields are stored as variable-length ones. */
    private static final int MAX_FIXED = 768;

    private final ClusteredLayout clustered;
    private final TableDef table;
    /** Field storage of every column, virtual ones included (they are stored in secondary indexes). */
    private final ClusteredLayout storage;
    private final ServerDialect dialect;

    ShapeBuilder(ClusteredLayout clustered) {
        this.clustered = clustered;
        this.table = clustered.table();
        this.dialect = clustered.dialect();
        boolean virtual = table.columns().stream().anyMatch(Column::isVirtual);
        this.storage = virtual ? ClusteredLayout.of(allStored(table), clustered.format(), clustered.temporal(),
                dialect) : clustered;
    }

    List<IndexShape> build() {
        List<IndexShape> out = new ArrayList<>();
        Index key = table.index(clustered.keyName()).orElse(null);
        out.add(clusteredShape(key));
        for (Index index : table.indexes()) {
            if (index == key || !IndexShape.isBTree(index)) {
                continue;
            }
            IndexShape s = secondary(index, key);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private IndexShape clusteredShape(Index key) {
        List<KeyField> fields = new ArrayList<>();
        int[] source = new int[clustered.keyFields()];
        for (int i = 0; i < clustered.keyFields(); i++) {
            source[i] = i;
        }
        if (key == null) {
            fields.add(KeyField.rowId());
        } else {
            for (IndexPart part : key.parts()) {
                fields.add(keyField(IndexShape.column(table, part), part));
            }
        }
        String name = key == null ? "GEN_CLUST_INDEX" : key.name();
        return IndexShape.create(name, key, true, true, clustered.leaf(), clustered.keyFields(),
                clustered.keyFields(), fields, source);
    }

    private IndexShape secondary(Index index, Index key) {
        FieldLayout.Builder b = FieldLayout.builder();
        List<KeyField> fields = new ArrayList<>();
        List<Integer> source = new ArrayList<>();
        List<Column> full = new ArrayList<>();
        for (IndexPart part : index.parts()) {
            Column c = IndexShape.column(table, part);
            if (c == null) {
                return null; // the DDL names a column the table lacks: nothing sensible to parse
            }
            addField(b, c, part.prefixLength(), c.nullable());
            fields.add(keyField(c, part));
            source.add(storageField(c));
            if (part.prefixLength() == null) {
                full.add(c);
            }
        }
        int userFields = fields.size();
        if (key == null) {
            b.rowId();
            fields.add(KeyField.rowId());
            source.add(0);
        } else {
            int k = 0;
            for (IndexPart part : key.parts()) {
                Column c = IndexShape.column(table, part);
                if (c != null && !full.contains(c)) {
                    addField(b, c, part.prefixLength(), false);
                    fields.add(keyField(c, part));
                    source.add(k); // the clustered key field, already cut to its prefix
                }
                k++;
            }
        }
        FieldLayout leaf = b.build();
        int[] src = source.stream().mapToInt(Integer::intValue).toArray();
        boolean unique = index.kind() == IndexKind.UNIQUE || index.kind() == IndexKind.PRIMARY;
        return IndexShape.create(index.name(), index, false, unique, leaf, leaf.size(),
                unique ? userFields : leaf.size(), fields, src);
    }

    /** The clustered leaf field holding column {@code c} in full; -1 for a virtual column (not stored there). */
    private int storageField(Column c) {
        return c.isVirtual() ? -1 : fieldIn(clustered, c);
    }

    private static int fieldIn(ClusteredLayout layout, Column c) {
        List<Column> cols = layout.outputColumns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equalsIgnoreCase(c.name())) {
                return layout.fieldOf(i);
            }
        }
        return -1;
    }

    /** dict_index_add_col: the column's storage, cut to a prefix; long fixed prefixes become variable. */
    private void addField(FieldLayout.Builder b, Column c, Integer prefixChars, boolean nullable) {
        FieldLayout all = storage.leaf();
        int f = fieldIn(storage, c);
        if (f < 0) {
            b.blob(c.name(), nullable);
            return;
        }
        int fixed = all.fixedLength(f);
        int max = all.maxLength(f);
        boolean big = all.isBig(f);
        String name = prefixChars == null ? c.name() : c.name() + "(" + prefixChars + ")";
        if (prefixChars != null) {
            long bytes = (long) prefixChars * bytesPerChar(c);
            fixed = fixed > 0 ? (int) Math.min(fixed, bytes) : 0;
            max = (int) Math.min(max, bytes);
        }
        if (fixed > 0 && fixed <= MAX_FIXED) {
            b.fixed(name, fixed, nullable);
        } else if (big && max <= 255) {
            // DATA_BIG_COL follows the column, not the prefix: the length may still take two bytes.
            b.blob(name, nullable);
        } else {
            b.variable(name, max, nullable);
        }
    }

    private int bytesPerChar(Column c) {
        if (!c.type().kind().hasCharset() || c.type().kind() == TypeKind.ENUM || c.type().kind() == TypeKind.SET) {
            return 1;
        }
        return MysqlCharset.byName(charsetOf(c), dialect).map(MysqlCharset::maxBytesPerChar).orElse(4);
    }

    private String charsetOf(Column c) {
        return c.charset() != null ? c.charset() : table.charset() != null ? table.charset() : "utf8mb4";
    }

    private String collationOf(Column c) {
        if (c.collation() != null) {
            return c.collation();
        }
        if (table.collation() != null && c.charset() == null) {
            return table.collation();
        }
        return MysqlCharset.byName(charsetOf(c), dialect).map(MysqlCharset::defaultCollation).orElse("?");
    }

    private KeyField keyField(Column c, IndexPart part) {
        if (c == null) {
            return new KeyField(part.column(), null, part.prefixLength(), null, "column " + part.column()
                    + " not in the table", null, false, false);
        }
        boolean temporal = clustered.temporal() == TemporalFormat.MYSQL56;
        Charset cs = null;
        FieldOrder order;
        String note = "";
        TypeKind kind = c.type().kind();
        switch (kind.family()) {
            case INTEGER, DECIMAL, BIT -> order = FieldOrder.BYTES;
            case FLOAT -> order = null; // set below by stored length
            // Every temporal format sorts by its bytes: the 5.6.4+ ones and MariaDB's own fractional ones are
            // big-endian unsigned (InnoDB DATA_FIXBINARY), the pre-5.6.4 integers have their sign bit flipped.
            case TEMPORAL -> order = FieldOrder.BYTES;
            case BINARY -> order = kind == TypeKind.UUID || kind == TypeKind.INET6 ? null : FieldOrder.BYTES;
            case TEXT -> {
                if (kind == TypeKind.ENUM || kind == TypeKind.SET) {
                    order = FieldOrder.BYTES;
                } else {
                    cs = MysqlCharset.javaCharsetFor(charsetOf(c)).orElse(null);
                    String coll = collationOf(c);
                    order = Collations.order(coll);
                    if (order == null) {
                        note = "collation " + coll + " not implemented";
                    }
                }
            }
            default -> order = null;
        }
        if (kind.family() == TypeKind.Family.FLOAT) {
            int f = fieldIn(storage, c);
            order = f >= 0 && storage.leaf().fixedLength(f) == 4 ? FieldOrder.FLOAT
                    : f >= 0 && storage.leaf().fixedLength(f) == 8 ? FieldOrder.DOUBLE : null;
        }
        if (order == null && note.isEmpty()) {
            note = "type " + kind.name().toLowerCase(Locale.ROOT) + " of " + c.name() + " not compared";
        }
        // MySQL 8.0 and MariaDB 10.8+ keep DESC parts in descending order; MySQL 5.7 parses DESC and ignores it.
        boolean descending = part.descending() && dialect != ServerDialect.MYSQL_5_7;
        return new KeyField(c.name(), c, part.prefixLength(), order, note, cs, temporal, descending);
    }

    private static TableDef allStored(TableDef t) {
        List<Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            cols.add(!c.isVirtual() ? c : new Column(c.name(), c.type(), c.nullable(), c.defaultValue(),
                    c.onUpdate(), c.charset(), c.collation(), c.unsigned(), c.zerofill(), c.generated(), true,
                    c.comment(), c.autoIncrement(), c.invisible(), c.check()));
        }
        return new TableDef(t.schema(), t.name(), cols, t.indexes(), t.constraints(), t.charset(), t.collation(),
                t.rowFormat(), t.engine(), t.comment(), t.partitioning(), t.options());
    }
}
