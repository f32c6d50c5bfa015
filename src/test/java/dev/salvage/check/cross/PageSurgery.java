package dev.salvage.check.cross;

import dev.salvage.harness.ServerKind;
import dev.salvage.innodb.fil.ChecksumAlgorithm;
import dev.salvage.innodb.fil.Fil;
import dev.salvage.innodb.fil.PageChecksum;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.page.IndexPageHeader;
import dev.salvage.innodb.rec.RecordFormat;
import dev.salvage.innodb.rec.RecordHeader;

import java.util.ArrayList;
import java.util.List;

/** Damage done the way the server itself would leave a page, so only the intended inconsistency remains. */
final class PageSurgery {

    private PageSurgery() {
    }

    static List<Integer> records(byte[] page, int pageSize) {
        RecordFormat format = RecordFormat.of(IndexPageHeader.read(page, 0));
        List<Integer> out = new ArrayList<>();
        for (int at = RecordHeader.next(page, pageSize, format.infimum(), format);
                at > 0 && at != format.supremum() && out.size() < pageSize; at = RecordHeader.next(page, pageSize, at,
                        format)) {
            out.add(at);
        }
        return out;
    }

    /** The header byte holding info bits (high nibble) and n_owned (low nibble). */
    private static int infoByte(int origin, RecordFormat format) {
        return origin - (format == RecordFormat.COMPACT ? 5 : 6);
    }

    private static void setNext(byte[] page, int origin, int target, RecordFormat format) {
        int value = format == RecordFormat.REDUNDANT || target == 0 ? target : (target - origin) & 0xFFFF;
        page[origin - 2] = (byte) (value >> 8);
        page[origin - 1] = (byte) value;
    }

    private static int read2(byte[] page, int at) {
        return (page[at] & 0xFF) << 8 | (page[at + 1] & 0xFF);
    }

    private static void write2(byte[] page, int at, int v) {
        page[at] = (byte) (v >> 8);
        page[at + 1] = (byte) v;
    }

    /**
     * Removes a record that owns no directory slot as page_cur_delete_rec would: unlinked from the record list,
     * its owner's n_owned and PAGE_N_RECS decremented, put on the free list with PAGE_GARBAGE grown.
     *
     * @param size the record's bytes (header included), for PAGE_GARBAGE
     */
    static void unlink(byte[] page, int pageSize, int origin, int size) {
        RecordFormat format = RecordFormat.of(IndexPageHeader.read(page, 0));
        int prev = format.infimum();
        while (RecordHeader.next(page, pageSize, prev, format) != origin) {
            prev = RecordHeader.next(page, pageSize, prev, format);
        }
        int next = RecordHeader.next(page, pageSize, origin, format);
        if ((page[infoByte(origin, format)] & 0x0F) != 0) {
            throw new IllegalArgumentException("record " + origin + " owns a directory slot");
        }
        setNext(page, prev, next, format);
        int owner = next;
        while ((page[infoByte(owner, format)] & 0x0F) == 0) {
            owner = RecordHeader.next(page, pageSize, owner, format);
        }
        page[infoByte(owner, format)]--;
        int h = IndexPageHeader.PAGE_HEADER;
        write2(page, h + IndexPageHeader.N_RECS, read2(page, h + IndexPageHeader.N_RECS) - 1);
        setNext(page, origin, read2(page, h + IndexPageHeader.FREE), format);
        write2(page, h + IndexPageHeader.FREE, origin);
        write2(page, h + IndexPageHeader.GARBAGE, read2(page, h + IndexPageHeader.GARBAGE) + size);
        page[infoByte(origin, format)] |= 0x20; // a freed record stays delete-marked
        write2(page, h + IndexPageHeader.LAST_INSERT, 0);
    }

    /** Sets the delete mark, as a DELETE not yet purged leaves it. */
    static void deleteMark(byte[] page, int origin) {
        RecordFormat format = RecordFormat.of(IndexPageHeader.read(page, 0));
        page[infoByte(origin, format)] |= 0x20;
    }

    /** Exchanges the data bytes [origin, origin+len) of two records: their keys trade places, the chain stays. */
    static void swapData(byte[] page, int a, int b, int len) {
        for (int i = 0; i < len; i++) {
            byte t = page[a + i];
            page[a + i] = page[b + i];
            page[b + i] = t;
        }
    }

    /** Rewrites the page's checksum as the server that wrote it does by default. */
    static void fixChecksum(byte[] page, int pageSize, ServerKind kind) {
        PageSize size = PageSize.of(pageSize);
        if (kind == ServerKind.MARIADB_10_11) {
            long c = PageChecksum.compute(page, 0, size, ChecksumAlgorithm.FULL_CRC32);
            writeInt(page, pageSize - 4, c);
        } else {
            // crc32: the same value in FIL_PAGE_SPACE_OR_CHKSUM and the trailer's old checksum field.
            long c = PageChecksum.compute(page, 0, size, ChecksumAlgorithm.CRC32C);
            writeInt(page, Fil.PAGE_SPACE_OR_CHKSUM, c);
            writeInt(page, pageSize - Fil.PAGE_END_LSN_OLD_CHKSUM, c);
        }
    }

    private static void writeInt(byte[] page, int at, long v) {
        page[at] = (byte) (v >> 24);
        page[at + 1] = (byte) (v >> 16);
        page[at + 2] = (byte) (v >> 8);
        page[at + 3] = (byte) v;
    }
}
