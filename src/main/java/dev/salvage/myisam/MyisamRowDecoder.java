package dev.salvage.myisam;

import dev.salvage.out.RowValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link RecordImage} into one {@link RowValue} per stored column. Each column's bytes are checked to lie
 * inside the image before its decoder runs; a column that does not fit, or whose bytes are no value of its
 * type, becomes a damage marker, never an exception.
 */
public final class MyisamRowDecoder {

    private final MyisamLayout layout;
    private final MyisamValues.FieldDecoder[] decoders;
    private final boolean[] blob;

    public MyisamRowDecoder(MyisamLayout layout) {
        this.layout = layout;
        this.decoders = new MyisamValues.FieldDecoder[layout.fields().size()];
        this.blob = new boolean[decoders.length];
        for (int i = 0; i < decoders.length; i++) {
            MyisamField f = layout.fields().get(i);
            decoders[i] = MyisamValues.of(f, layout.table().charset(), layout.dialect());
            blob[i] = MyisamLayout.isBlob(f.column().type().kind());
        }
    }

    public MyisamLayout layout() {
        return layout;
    }

    /** The row of an intact record. */
    public List<RowValue> decode(RecordImage record) {
        return decode(record, 0);
    }

    /**
     * The row of a record whose first {@code clobbered} bytes were overwritten (a deleted FIXED record keeps a
     * delete link there): columns whose bytes lie there become damage markers; a column whose NULL flag lies there
     * has its bytes decoded as if NOT NULL (a NULL column then shows the bytes the server left, usually zeros),
     * because the value is worth more than a marker on every NULLable column of every deleted row.
     */
    public List<RowValue> decode(RecordImage record, int clobbered) {
        byte[] image = record.image();
        List<RowValue> row = new ArrayList<>(decoders.length);
        int nextBlob = 0;
        for (int i = 0; i < decoders.length; i++) {
            MyisamField f = layout.fields().get(i);
            byte[] contents = null;
            if (blob[i]) {
                contents = nextBlob < record.blobs().size() ? record.blobs().get(nextBlob) : null;
                nextBlob++;
            }
            if (clobbered > 0 && f.valueWithin(clobbered)) {
                row.add(RowValue.damaged("overwritten by the delete link"));
            } else if (f.packLength() < 0 || f.end() > image.length || f.unevenBitStart() / 8 >= image.length
                    || f.nullBit() / 8 >= image.length) {
                row.add(RowValue.damaged("column outside the " + image.length + "-byte record"));
            } else if (f.nullBit() >= 0 && !f.nullFlagWithin(clobbered)
                    && (image[f.nullBit() / 8] & (1 << (f.nullBit() % 8))) != 0) {
                row.add(RowValue.NULL);
            } else {
                row.add(decoders[i].decode(image, contents));
            }
        }
        return row;
    }
}
