package dev.salvage.types;

/**
 * GEOMETRY and its subtypes: the server stores a 4-byte little-endian SRID followed by WKB (byte order byte,
 * 4-byte type, coordinates); {@code SELECT} returns those bytes unchanged, so the value is binary. Only the
 * header is checked: byte order 0 or 1 and a geometry type 1..7.
 */
public final class GeometryCodec {
    private static final int HEADER = 4 + 1 + 4;

    private GeometryCodec() {
    }

    public static Decoded decode(byte[] b, int off, int len) {
        if (!Bytes.fits(b, off, len)) {
            return Bytes.outOfBounds(b, off, len);
        }
        if (len < HEADER) {
            return Decoded.bad("geometry of " + len + " bytes is shorter than SRID + WKB header");
        }
        int order = b[off + 4] & 0xFF;
        if (order > 1) {
            return Decoded.bad("WKB byte order " + order + " is not 0 or 1");
        }
        long type = order == 1 ? Bytes.readLittleEndian(b, off + 5, 4) : Bytes.readUnsigned(b, off + 5, 4);
        if (type < 1 || type > 7) {
            return Decoded.bad("WKB geometry type " + type + " is not 1..7");
        }
        return Decoded.binary(b, off, len);
    }

    /** The SRID (little-endian) of a stored geometry; -1 when the bytes are too short. */
    public static long srid(byte[] b, int off, int len) {
        return Bytes.fits(b, off, len) && len >= 4 ? Bytes.readLittleEndian(b, off, 4) : -1;
    }
}
