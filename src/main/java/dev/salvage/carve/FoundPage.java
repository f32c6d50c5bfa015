package dev.salvage.carve;

import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.PageType;
import dev.salvage.innodb.fil.Vendor;

import java.nio.ByteBuffer;

/**
 * Everything carve remembers about one page it found: where it came from, who it says it is and
 * why it was accepted. Stored as a fixed {@value #BYTES}-byte record in the spool (so memory does
 * not grow with the number of pages found) and read back when the output is put in order.
 *
 * @param input        index of the input in the order given
 * @param inputOffset  byte offset of the page's first byte in that input
 * @param spaceId      FIL_PAGE_SPACE_ID
 * @param pageNo       FIL_PAGE_OFFSET
 * @param lsn          FIL_PAGE_LSN
 * @param typeCode     FIL_PAGE_TYPE
 * @param indexId      PAGE_INDEX_ID for index pages, else 0
 * @param physicalSize bytes the page occupies
 * @param compressed   ROW_FORMAT=COMPRESSED page
 * @param evidence     why it was accepted
 * @param algorithm    matching checksum algorithm, null when accepted on structure
 * @param typeVendor   whose meaning of FIL_PAGE_TYPE applies (only code 18 differs), else UNKNOWN
 */
public record FoundPage(int input, long inputOffset, long spaceId, long pageNo, long lsn, int typeCode,
                        long indexId, int physicalSize, boolean compressed, Evidence evidence,
                        ChecksumAlgorithm algorithm, Vendor typeVendor) {

    static final int BYTES = 48;

    /** Reads the header fields of an accepted page. {@code b[off..off+size)} must be in bounds. */
    static FoundPage of(int input, long inputOffset, byte[] b, int off, Recognition r) {
        ByteBuffer bb = ByteBuffer.wrap(b);
        int type = PageRecognizer.typeCode(b, off);
        PageType resolved = PageTypes.resolve(b, off);
        long indexId = resolved.hasIndexHeader() ? bb.getLong(off + IndexPageShape.PAGE_INDEX_ID) : 0;
        return new FoundPage(input, inputOffset,
                bb.getInt(off + Fil.PAGE_SPACE_ID) & 0xFFFFFFFFL,
                bb.getInt(off + Fil.PAGE_OFFSET) & 0xFFFFFFFFL,
                bb.getLong(off + Fil.PAGE_LSN), type, indexId, r.physicalSize(), r.compressed(), r.evidence(),
                r.algorithm(), PageTypes.vendorOf(resolved));
    }

    /** The page type, with code 18 settled as it was when the page was found. */
    public PageType type() {
        return PageTypes.of(typeCode, typeVendor);
    }

    void writeTo(ByteBuffer out) {
        out.putInt(input);
        out.put((byte) (compressed ? 1 : 0));
        out.put((byte) evidence.ordinal());
        out.put((byte) (algorithm == null ? 0 : algorithm.ordinal() + 1));
        out.put((byte) typeVendor.ordinal());
        out.putLong(inputOffset);
        out.putLong(lsn);
        out.putLong(indexId);
        out.putInt((int) spaceId);
        out.putInt((int) pageNo);
        out.putInt(physicalSize);
        out.putInt(typeCode);
    }

    static FoundPage readFrom(ByteBuffer in) {
        int input = in.getInt();
        boolean compressed = in.get() != 0;
        Evidence evidence = Evidence.fromCode(in.get());
        int alg = in.get() & 0xFF;
        int vendor = in.get() & 0xFF;
        long inputOffset = in.getLong();
        long lsn = in.getLong();
        long indexId = in.getLong();
        long spaceId = in.getInt() & 0xFFFFFFFFL;
        long pageNo = in.getInt() & 0xFFFFFFFFL;
        int physicalSize = in.getInt();
        int typeCode = in.getInt();
        ChecksumAlgorithm algorithm = alg >= 1 && alg <= ALGORITHMS.length ? ALGORITHMS[alg - 1] : null;
        return new FoundPage(input, inputOffset, spaceId, pageNo, lsn, typeCode, indexId, physicalSize,
                compressed, evidence, algorithm, vendor < VENDORS.length ? VENDORS[vendor] : Vendor.UNKNOWN);
    }

    /** values() clones its array on every call; the spool is read back a record at a time. */
    private static final ChecksumAlgorithm[] ALGORITHMS = ChecksumAlgorithm.values();
    private static final Vendor[] VENDORS = Vendor.values();
}
