package dev.salvage.types;

import java.util.List;

/**
 * ENUM and SET: InnoDB stores the value's number as an unsigned big-endian integer. ENUM: 1 byte for up to
 * 255 labels, else 2; 1-based index, 0 is the empty "error" value the server stores for an invalid string in
 * non-strict mode. SET: (labels+7)/8 bytes, 8 when that exceeds 4; bit i set = label i. An index beyond the
 * labels or a set bit without a label is a bad value.
 */
public final class EnumSetCodec {
    private EnumSetCodec() {
    }

    public static int enumLength(int labelCount) {
        return labelCount <= 255 ? 1 : 2;
    }

    public static int setLength(int labelCount) {
        int bytes = (labelCount + 7) / 8;
        return bytes > 4 ? 8 : Math.max(bytes, 1);
    }

    public static Decoded decodeEnum(byte[] b, int off, List<String> labels) {
        int len = enumLength(labels.size());
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        int index = (int) Bytes.readUnsigned(b, off, len);
        if (index == 0) {
            return Decoded.text("");
        }
        if (index > labels.size()) {
            return Decoded.bad("ENUM index " + index + " beyond " + labels.size() + " labels");
        }
        return Decoded.text(labels.get(index - 1));
    }

    public static Decoded decodeSet(byte[] b, int off, List<String> labels) {
        if (labels.size() > 64) {
            return Decoded.bad("SET with " + labels.size() + " labels (at most 64)");
        }
        int len = setLength(labels.size());
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        long bits = Bytes.readUnsigned(b, off, len);
        if (labels.size() < 64 && (bits >>> labels.size()) != 0) {
            return Decoded.bad("SET bits 0x" + Long.toHexString(bits) + " beyond " + labels.size() + " labels");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            if ((bits & (1L << i)) != 0) {
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(labels.get(i));
            }
        }
        return Decoded.text(out.toString());
    }
}
