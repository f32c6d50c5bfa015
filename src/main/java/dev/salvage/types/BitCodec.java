package dev.salvage.types;

/**
 * BIT(M): (M+7)/8 bytes big-endian (InnoDB keeps all the bits in the column; MyISAM's trick of putting odd bits
 * among the null bits does not apply). A binary value whose text form is the number {@code SELECT b+0} prints.
 * Bits above M set: bad value.
 */
public final class BitCodec {
    private BitCodec() {
    }

    public static int storedLength(int bits) {
        return (bits + 7) / 8;
    }

    public static Decoded decode(byte[] b, int off, int bits) {
        if (bits < 1 || bits > 64) {
            return Decoded.bad("BIT(" + bits + ") is not a valid definition");
        }
        int len = storedLength(bits);
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        long value = Bytes.readUnsigned(b, off, len);
        if (bits < 64 && (value >>> bits) != 0) {
            return Decoded.bad("BIT(" + bits + ") value 0x" + Long.toHexString(value) + " has bits above " + bits);
        }
        return Decoded.binaryWithText(b, off, len, Long.toUnsignedString(value));
    }
}
