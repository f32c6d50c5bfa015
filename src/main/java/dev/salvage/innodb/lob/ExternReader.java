package dev.salvage.innodb.lob;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.Mach;
import dev.salvage.innodb.fil.PageType;

import java.util.Arrays;

/**
 * Reads extern (off-page) field values, choosing the format by the type of the first page the reference
 * names: FIL_PAGE_TYPE_BLOB chains (MariaDB, MySQL 5.x, MySQL 8.0 SDI), MySQL 8.0 LOB_FIRST, or the
 * ZBLOB chains of ROW_FORMAT=COMPRESSED tables ({@link ZBlobChain}; also SDI_ZBLOB, the SDI of a compressed
 * MySQL 8.0 tablespace) and their MySQL 8.0 successor ZLOB_FIRST ({@link ZLob8}).
 */
public final class ExternReader {

    /** A default cap on one value: LONGBLOBs beyond it come back truncated, never exhaust memory. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

    private ExternReader() {
    }

    /** The off-page part of the value. */
    public static LobRead readOffPage(PageReader pages, ExternRef ref, int pageSize, int maxBytes) {
        if (ref.isNull()) {
            return LobRead.broken(new byte[0], 0, -1, "null reference (value never written or freed)");
        }
        byte[] first = pages.read(ref.pageNo());
        if (first == null || first.length < Fil.PAGE_DATA) {
            return LobRead.broken(new byte[0], ref.length(), ref.pageNo(), "page unreadable");
        }
        int type = Mach.read2(first, Fil.PAGE_TYPE);
        // The reader may be asked for the first page twice; callers who care cache pages in their PageReader.
        PageReader again = pageNo -> pageNo == ref.pageNo() ? first : pages.read(pageNo);
        return switch (type) {
            case PageType.BLOB, PageType.SDI_BLOB_OR_INSTANT -> BlobChain.read(again, ref, pageSize, maxBytes);
            case PageType.LOB_FIRST -> Lob8.read(again, ref, pageSize, maxBytes);
            case PageType.ZBLOB -> ZBlobChain.read(again, ref, maxBytes);
            case PageType.ZBLOB2 -> LobRead.broken(new byte[0], ref.length(), ref.pageNo(),
                    "reference names a ZBLOB2 page, which only continues a chain");
            case PageType.ZLOB_FIRST -> ZLob8.read(again, ref, maxBytes);
            case PageType.SDI_ZBLOB -> ZBlobChain.readSdi(again, ref, maxBytes);
            default -> LobRead.broken(new byte[0], ref.length(), ref.pageNo(), "page type " + type + " is not a BLOB/LOB page");
        };
    }

    /**
     * The whole value of an extern field whose local bytes (prefix + 20-byte reference) are
     * {@code local[localOff .. localOff+localLen)}: the prefix followed by the off-page bytes. When the chain is
     * broken the result holds the prefix and what could be read.
     */
    public static LobRead readField(PageReader pages, byte[] local, int localOff, int localLen, int pageSize, int maxBytes) {
        ExternRef ref = ExternRef.readAtEndOf(local, localOff, localLen);
        if (ref == null) {
            return LobRead.broken(new byte[0], 0, -1, "field shorter than its reference");
        }
        int prefix = localLen - ExternRef.SIZE;
        LobRead rest = readOffPage(pages, ref, pageSize, Math.max(0, maxBytes - prefix));
        byte[] all = Arrays.copyOfRange(local, localOff, localOff + prefix + rest.data().length);
        System.arraycopy(rest.data(), 0, all, prefix, rest.data().length);
        return new LobRead(all, prefix + rest.expected(), rest.complete(), rest.brokenAt(), rest.reason());
    }
}
