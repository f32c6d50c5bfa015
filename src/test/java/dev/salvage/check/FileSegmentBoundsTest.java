package dev.salvage.check;

import dev.salvage.innodb.fsp.ExtentMap;
import dev.salvage.innodb.page.IndexPageHeader;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a ROW_FORMAT=COMPRESSED tablespace the walk's page size is the logical one (16 KiB) while inode and
 * descriptor pages come back at their physical size (here 8 KiB): a damaged address that fits the logical size
 * but not the page actually read must give a reason, not an exception.
 */
class FileSegmentBoundsTest {

    private static final int LOGICAL = 16384;
    private static final int PHYSICAL = 8192;
    /** 1 MiB of 16 KiB logical pages: the extent size follows the logical size. */
    private static final int EXTENT = 64;
    private static final long PAGES = 10;

    @Test
    void inodeOffsetPastThePhysicalPage() {
        byte[] root = rootPointingAt(2, 10000);
        FileSegment s = FileSegment.read(root, IndexPageHeader.BTR_SEG_LEAF, p -> new byte[PHYSICAL], LOGICAL,
                EXTENT, PAGES);
        assertThat(s.problem()).contains("offset 10000").contains("beyond its 8192 bytes");
    }

    @Test
    void descriptorAddressPastThePhysicalPage() {
        int inodeOffset = 50;
        ByteBuffer inode = ByteBuffer.wrap(new byte[PHYSICAL]);
        inode.putLong(inodeOffset + FileSegment.FSEG_ID, 7);
        inode.putInt(inodeOffset + FileSegment.FSEG_MAGIC_N, (int) FileSegment.FSEG_MAGIC_N_VALUE);
        for (int i = 0; i < FileSegment.FSEG_FRAG_SLOTS; i++) {
            inode.putInt(inodeOffset + FileSegment.FSEG_FRAG_ARR + 4 * i, -1); // FIL_NULL
        }
        for (int list : new int[] {FileSegment.FSEG_NOT_FULL, FileSegment.FSEG_FULL}) {
            inode.putInt(inodeOffset + list + FileSegment.FLST_FIRST, -1);
        }
        // FREE list: one descriptor on page 0, the first entry past the 8 KiB actually read (inside 16 KiB).
        int entrySize = FileSegment.XDES_BITMAP + EXTENT * 2 / 8;
        int entry = ExtentMap.XDES_ARR_OFFSET + ((PHYSICAL - ExtentMap.XDES_ARR_OFFSET) / entrySize + 1) * entrySize;
        assertThat(entry).isGreaterThan(PHYSICAL);
        assertThat(entry + entrySize).isLessThanOrEqualTo(LOGICAL);
        inode.putInt(inodeOffset + FileSegment.FSEG_FREE + FileSegment.FLST_LEN, 1);
        inode.putInt(inodeOffset + FileSegment.FSEG_FREE + FileSegment.FLST_FIRST, 0);
        inode.putShort(inodeOffset + FileSegment.FSEG_FREE + FileSegment.FLST_FIRST + 4,
                (short) (entry + FileSegment.XDES_FLST_NODE));
        byte[] inodePage = inode.array();
        FileSegment s = FileSegment.read(rootPointingAt(2, inodeOffset), IndexPageHeader.BTR_SEG_LEAF,
                p -> p == 2 ? inodePage : new byte[PHYSICAL], LOGICAL, EXTENT, PAGES);
        assertThat(s.problem()).contains("beyond the page's 8192 bytes");
    }

    private static byte[] rootPointingAt(int inodePage, int inodeOffset) {
        ByteBuffer root = ByteBuffer.wrap(new byte[LOGICAL]);
        int at = IndexPageHeader.PAGE_HEADER + IndexPageHeader.BTR_SEG_LEAF;
        root.putInt(at + FileSegment.FSEG_HDR_PAGE_NO, inodePage);
        root.putShort(at + FileSegment.FSEG_HDR_OFFSET, (short) inodeOffset);
        return root.array();
    }
}
