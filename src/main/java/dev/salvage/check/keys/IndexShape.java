package dev.salvage.check.keys;

import dev.salvage.innodb.rec.FieldLayout;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordOffsets;
import dev.salvage.recover.ClusteredLayout;
import dev.salvage.recover.TemporalFormat;
import dev.salvage.schema.Column;
import dev.salvage.schema.Index;
import dev.salvage.schema.IndexKind;
import dev.salvage.schema.IndexPart;
import dev.salvage.schema.ServerDialect;
import dev.salvage.schema.TableDef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One B-tree index of a table as InnoDB lays out its records: which fields a leaf record holds, which of them
 * order the index, and how two keys compare.
 *
 * <p>The clustered index is {@link ClusteredLayout}'s (reused, so instant ADD COLUMN adjustments carry over).
 * A secondary index record (dict0dict.cc {@code dict_index_build_internal_non_clust}) holds the index's
 * columns (a prefix part holds the prefix: characters × mbmaxlen bytes at most), then the clustered key fields
 * whose column is not already there in full (DB_ROW_ID when the table has no key). Its node pointers hold all
 * those fields plus the child page number ({@code dict_index_get_n_unique_in_tree} returns n_fields for a
 * secondary index), and the records are ordered by all of them; a UNIQUE index's uniqueness ({@code n_uniq})
 * covers its own columns only. FULLTEXT and SPATIAL indexes are not B-trees of this kind and are left out.
 */
public final class IndexShape {

    private final String name;
    private final Index index;
    private final boolean clustered;
    private final boolean unique;
    private final FieldLayout leaf;
    private final FieldLayout nodePointer;
    private final int keyFields;
    private final int uniqueFields;
    private final List<KeyField> fields;
    private final Comparator<IndexKey> order;
    private final String orderNote;
    /** Per key field: the clustered leaf field that holds the whole column (or DB_ROW_ID / the PK field). */
    private final int[] sourceField;

    private IndexShape(String name, Index index, boolean clustered, boolean unique, FieldLayout leaf,
            FieldLayout nodePointer, int keyFields, int uniqueFields, List<KeyField> fields, int[] sourceField) {
        this.name = name;
        this.index = index;
        this.clustered = clustered;
        this.unique = unique;
        this.leaf = leaf;
        this.nodePointer = nodePointer;
        this.keyFields = keyFields;
        this.uniqueFields = uniqueFields;
        this.fields = List.copyOf(fields);
        this.sourceField = sourceField;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < keyFields; i++) {
            KeyField f = fields.get(i);
            if (f.order() == null && !notes.contains(f.orderNote())) {
                notes.add(f.orderNote());
            }
        }
        this.orderNote = String.join("; ", notes);
        this.order = notes.isEmpty() ? new KeyOrder(fields.subList(0, keyFields)) : null;
    }

    /** Every B-tree index of {@code table} in records of {@code format}: 5.6.4+ temporal formats, MySQL 8.0 rules. */
    public static List<IndexShape> of(TableDef table, RecordFormat format) {
        return of(table, format, TemporalFormat.MYSQL56, ServerDialect.MYSQL_8_0);
    }

    public static List<IndexShape> of(TableDef table, RecordFormat format, TemporalFormat temporal,
            ServerDialect dialect) {
        return of(ClusteredLayout.of(table, format, temporal, dialect));
    }

    /**
     * The shapes over a clustered layout already fitted to the file (instant ADD COLUMN, temporal format):
     * the clustered index first, then the secondary indexes in DDL order.
     */
    public static List<IndexShape> of(ClusteredLayout clustered) {
        return new ShapeBuilder(clustered).build();
    }

    /** The index name ({@code PRIMARY}, a key name, or {@code GEN_CLUST_INDEX}). */
    public String name() {
        return name;
    }

    /** The DDL's index, empty for GEN_CLUST_INDEX. */
    public Optional<Index> index() {
        return Optional.ofNullable(index);
    }

    public boolean clustered() {
        return clustered;
    }

    /** PRIMARY, UNIQUE, and the clustered index (whose key is unique by construction). */
    public boolean unique() {
        return unique;
    }

    /** What {@code RecordParser} needs for a leaf record of this index. */
    public FieldLayout leafLayout() {
        return leaf;
    }

    /** Node pointer records: the {@link #keyFields()} key fields and the 4-byte child page number. */
    public FieldLayout nodePointerLayout() {
        return nodePointer;
    }

    /** Fields that order the records and make up a node pointer's key (n_unique_in_tree). */
    public int keyFields() {
        return keyFields;
    }

    /** Fields that must not repeat among non-deleted records of a unique index (n_uniq). */
    public int uniqueFields() {
        return uniqueFields;
    }

    /** Field names of the leaf record, in record order. */
    public List<String> fieldNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < leaf.size(); i++) {
            out.add(leaf.name(i));
        }
        return out;
    }

    /** A copy of the first {@link #keyFields()} fields of a parsed leaf or node pointer record. */
    public IndexKey key(byte[] page, RecordOffsets rec) {
        byte[][] out = new byte[keyFields][];
        for (int i = 0; i < keyFields && i < rec.fieldCount(); i++) {
            out[i] = rec.copy(page, i);
        }
        return new IndexKey(out);
    }

    /** The comparator the server's order obeys; empty when some key field's order is not reproduced. */
    public Optional<Comparator<IndexKey>> order() {
        return Optional.ofNullable(order);
    }

    /** Why {@link #order()} is empty ("" when it is not). */
    public String orderNote() {
        return orderNote;
    }

    /** The key with decoded values, for messages: {@code (id=5, name='x')}. */
    public String describe(IndexKey key) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < key.size(); i++) {
            String n = i < fields.size() ? fields.get(i).name() : "#" + i;
            String v = i < fields.size() ? fields.get(i).render(key.field(i)) : IndexKey.raw(key.field(i));
            out.append(i == 0 ? "" : ", ").append(n).append('=').append(v);
        }
        return out.append(')').toString();
    }

    /**
     * The entry of this (secondary) index that a clustered leaf record must have, built from the record's
     * fields; empty when the record's values do not allow it (stored off-page, instant ADD COLUMN default).
     *
     * @param clusteredRecord parsed with the clustered shape's {@link #leafLayout()}
     */
    public Optional<IndexKey> expectedEntry(byte[] page, RecordOffsets clusteredRecord) {
        return Optional.ofNullable(KeyProjection.project(this, page, clusteredRecord));
    }

    /** Why no entry of this index can be built from clustered records, or "" when they can. */
    public String projectionNote() {
        String why = KeyProjection.unsupported(this);
        return why == null ? "" : why;
    }

    List<KeyField> fields() {
        return fields;
    }

    /**
     * For key field {@code i}: the field of the clustered leaf record holding its column's whole value (a
     * prefix part takes its prefix from there). Used to project a clustered record onto this index.
     */
    int sourceField(int i) {
        return sourceField[i];
    }

    static IndexShape create(String name, Index index, boolean clustered, boolean unique, FieldLayout leaf,
            int keyFields, int uniqueFields, List<KeyField> fields, int[] sourceField) {
        return new IndexShape(name, index, clustered, unique, leaf, leaf.nodePointer(keyFields), keyFields,
                uniqueFields, fields, sourceField);
    }

    static boolean isBTree(Index index) {
        return index.kind() != IndexKind.FULLTEXT && index.kind() != IndexKind.SPATIAL && !index.parts().isEmpty();
    }

    static List<IndexPart> parts(Index index) {
        return index == null ? List.of() : index.parts();
    }

    static Column column(TableDef table, IndexPart part) {
        return table.column(part.column()).orElse(null);
    }

    @Override
    public String toString() {
        return name + (clustered ? " (clustered)" : "") + (unique ? " unique" : "") + " " + leaf;
    }
}
