package dev.salvage.myisam.repair;

import dev.salvage.frm.FrmReader;
import dev.salvage.frm.FrmResult;
import dev.salvage.io.FileSet;
import dev.salvage.io.UnreadableInputException;
import dev.salvage.myisam.ColumnDef;
import dev.salvage.myisam.FrmMyisamDefinition;
import dev.salvage.myisam.KeyDef;
import dev.salvage.myisam.KeySeg;
import dev.salvage.myisam.MyiBase;
import dev.salvage.schema.ServerDialect;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

/**
 * A whole .MYI header (up to the first key block) for a table whose index file is lost or unreadable, written as
 * {@code mi_create()} writes it for a new table: the 24-byte file header, the state of an empty table, the base
 * info, the key definitions with their segments and the column definitions, all from {@link FrmMyisamDefinition}.
 * The repair then fills in the state of the rebuilt files and writes the key trees behind it.
 */
final class FrmIndexHeader {
    private static final int FRM_HEADER = 64;
    private static final int HA_OPTION_COMPRESS_RECORD = 4;
    private static final int HA_OPTION_PACK_RECORD = 1;
    private static final int HA_OPTION_CHECKSUM = 32;
    private static final int HA_OPTION_NULL_FIELDS = 1024;
    private static final int FILE_HEADER = 24;
    private static final int STATE_INFO_SIZE = 176;
    private static final int BASE_INFO_SIZE = 100;
    private static final int MI_MIN_KEY_BLOCK = 1024;
    /** myisam_block_size's default, the alignment of the first key block. */
    private static final int MYISAM_BLOCK_SIZE = 1024;
    private static final int MI_INDEX_BLOCK_MARGIN = 16;
    private static final int HA_AUTO_KEY = 16;
    private static final int HA_NULL_PART_KEY = 64;

    private FrmIndexHeader() {
    }

    /**
     * Reads the .frm and builds the header; {@code now} (seconds) goes where mi_create puts the creation time.
     *
     * @throws RepairRefusedException the .frm cannot describe the table completely, or it is compressed
     */
    static byte[] fromFrm(Path frmPath, long now) throws IOException, RepairRefusedException {
        byte[] h = new byte[FRM_HEADER];
        try (FileSet f = FileSet.open(frmPath)) {
            if (f.read(0, h, 0, FRM_HEADER) < FRM_HEADER || (h[0] & 0xff) != 0xfe || h[1] != 1) {
                throw new UnreadableInputException(frmPath + ": not a readable .frm");
            }
        }
        int options = (h[30] & 0xff) | (h[31] & 0xff) << 8;
        if ((options & HA_OPTION_COMPRESS_RECORD) != 0) {
            throw new RepairRefusedException("the .frm says the records are compressed (myisampack); their decoding"
                    + " trees lived only in the lost .MYI");
        }
        FrmResult frm = FrmReader.read(frmPath);
        if (frm.table().columns().isEmpty() || !frm.complete()) {
            throw new RepairRefusedException(frmPath.getFileName() + " cannot be read completely: the index"
                    + " file cannot be derived from it");
        }
        FrmMyisamDefinition def = FrmMyisamDefinition.derive(frm, options);
        if (def.keys().size() != frm.keys().size()) {
            // Full-text, spatial and hash-unique keys are not derived: an index file without them would not open.
            throw new RepairRefusedException("the .frm has " + frm.keys().size() + " keys, of which only "
                    + def.keys().size() + " (B-tree ones) can be derived: the index file is not rebuilt");
        }
        int headerOptions = def.options();
        if ((options & HA_OPTION_CHECKSUM) != 0) {
            // CHECKSUM=1 reaches mi_create as HA_CREATE_CHECKSUM, which sets the option for FIXED tables too;
            // MariaDB's checksums then skip NULL columns' bytes and it says so with HA_OPTION_NULL_FIELDS.
            headerOptions |= HA_OPTION_CHECKSUM;
            if ((def.options() & HA_OPTION_PACK_RECORD) == 0) {
                // mi_create counts the checksum byte into a FIXED record's stored and shortest length as well.
                MyiBase b = def.base();
                def = new FrmMyisamDefinition(def.options(), def.columns(), def.keys(), new MyiBase(b.keystart(),
                        b.maxDataFileLength(), b.maxKeyFileLength(), b.records(), b.reloc(), b.meanRowLength(),
                        b.reclength(), b.packReclength() + 1, b.minPackLength() + 1, b.maxPackLength(),
                        b.minBlockLength(), b.fields(), b.packFields(), b.recRefLength(), b.keyRefLength(), b.keys(),
                        b.autoKey(), b.packBits(), b.blobs(), b.maxKeyBlockLength(), b.maxKeyLength(),
                        b.extraAllocBytes(), b.extraAllocPercent()));
            }
            if (frm.dialect() == ServerDialect.MARIADB_10_11) {
                headerOptions |= HA_OPTION_NULL_FIELDS;
            }
        }
        // The table's default collation id (ci->language); the header keeps one byte of it.
        return build(def, headerOptions, h[38] & 0xff, frm.dialect(), now);
    }

    /** mi_create's arithmetic and its writes (mi_state_info_write, mi_base_info_write, mi_keydef_write, …). */
    static byte[] build(FrmMyisamDefinition def, int options, int language, ServerDialect dialect, long now) {
        List<KeyDef> keys = def.keys();
        MyiBase b = def.base();
        int pointer = b.recRefLength();
        int keyParts = 0;
        int maxKeyBlock = 0;
        int maxKeyLength = 0;
        int autoKey = 0;
        // With neither MAX_ROWS nor AVG_ROW_LENGTH the server estimates the most rows the pointer can address.
        BigInteger maxRows = BigInteger.ONE.shiftLeft(pointer * 8).subtract(BigInteger.ONE)
                .divide(BigInteger.valueOf(Math.max(1, b.minPackLength())));
        BigInteger totLength = BigInteger.ZERO;
        for (int i = 0; i < keys.size(); i++) {
            KeyDef k = keys.get(i);
            keyParts += k.segments().size();
            maxKeyBlock = Math.max(maxKeyBlock, k.blockLength());
            maxKeyLength = Math.max(maxKeyLength, k.maxLength());
            if (autoKey == 0 && (k.flag() & HA_AUTO_KEY) != 0) {
                autoKey = i + 1;
            }
            long perBlock = Math.max(1, (k.blockLength() - 5) / Math.max(1, k.maxLength() * 2));
            totLength = totLength.add(maxRows.divide(BigInteger.valueOf(perBlock))
                    .multiply(BigInteger.valueOf(k.blockLength())));
        }
        int blockIndexes = maxKeyBlock / MI_MIN_KEY_BLOCK;
        int basePos = STATE_INFO_SIZE + keys.size() * 8 + blockIndexes * 8 + keyParts * 4;
        int infoLength = basePos + BASE_INFO_SIZE + keys.size() * KeyDef.SIZE + keyParts * KeySeg.SIZE
                + def.columns().size() * ColumnDef.SIZE;
        // MariaDB aligns the first key block to the largest key block, MySQL to myisam_block_size.
        int align = dialect == ServerDialect.MARIADB_10_11 && maxKeyBlock > 0
                ? Integer.highestOneBit(maxKeyBlock - 1) << 1 : MYISAM_BLOCK_SIZE;
        align = Math.max(align, 1);
        long keystart = (infoLength + align - 1L) / align * align;
        BigInteger estimate = totLength.add(BigInteger.valueOf((long) maxKeyBlock * keys.size()
                * MI_INDEX_BLOCK_MARGIN)).divide(BigInteger.valueOf(MI_MIN_KEY_BLOCK));
        int keyRef = pointerLength(estimate, 3);

        byte[] out = new byte[(int) keystart];
        Writer w = new Writer(out);
        // File header (mi_state_info_write's first 24 bytes).
        w.u8(0xfe).u8(0xfe).u8(7).u8(1);
        w.be(options, 2).be(infoLength, 2).be(STATE_INFO_SIZE, 2).be(BASE_INFO_SIZE, 2).be(basePos, 2);
        w.be(keyParts, 2).be(0, 2).u8(keys.size()).u8(0).u8(language).u8(blockIndexes).u8(0).u8(0);
        // State of an empty table; the repair overwrites what describes the new files.
        w.be(0, 2).u8(0).u8(0xff); // open_count, changed, sortkey (~0)
        w.be(0, 8).be(0, 8).be(0, 8).be(-1, 8); // records, del, split, dellink
        w.be(keystart, 8).be(0, 8).be(0, 8).be(0, 8).be(0, 8).be(0, 8); // key file, data file, empty, key_empty, a_i, chk
        w.be(0, 4).be(0, 4).be(0, 4).be(0, 4); // process, unique, status, update_count
        for (int i = 0; i < keys.size(); i++) {
            w.be(-1, 8); // key roots
        }
        for (int i = 0; i < blockIndexes; i++) {
            w.be(-1, 8); // free key block chains
        }
        w.be(0, 4).be(0, 4).be(now, 4); // sec_index_changed, sec_index_used, version
        w.be(keys.size() >= 64 ? -1L : (1L << keys.size()) - 1, 8); // key_map: every key active
        w.be(now, 8).be(0, 8).be(0, 8).be(0, 8); // create, recover, check time, rec_per_key_rows
        int seg = 0;
        for (KeyDef k : keys) {
            // A unique key without NULL parts: one row per value of the whole key, known before any statistics.
            boolean exact = k.unique() && (k.flag() & HA_NULL_PART_KEY) == 0;
            for (int j = 0; j < k.segments().size(); j++, seg++) {
                w.be(exact && j == k.segments().size() - 1 ? 1 : 0, 4);
            }
        }
        // Base info.
        w.be(keystart, 8).be(0, 8).be(0, 8).be(0, 8).be(0, 8);
        w.be(0, 4).be(b.reclength(), 4).be(b.packReclength(), 4).be(b.minPackLength(), 4).be(b.maxPackLength(), 4)
                .be(b.minBlockLength(), 4).be(b.fields(), 4).be(b.packFields(), 4);
        w.u8(pointer).u8(keyRef).u8(keys.size()).u8(autoKey);
        w.be(b.packBits(), 2).be(b.blobs(), 2).be(maxKeyBlock, 2).be((maxKeyLength + 4 + 7) / 8 * 8, 2).be(0, 2);
        w.u8(0).skip(13);
        for (KeyDef k : keys) {
            w.u8(k.segments().size()).u8(k.keyAlg()).be(k.flag(), 2).be(k.blockLength(), 2).be(k.keyLength(), 2)
                    .be(k.minLength(), 2).be(k.maxLength(), 2);
            for (KeySeg s : k.segments()) {
                w.u8(s.type()).u8(s.language() & 0xff).u8(s.nullBit()).u8(s.bitStart()).u8(s.language() >> 8 & 0xff)
                        .u8(s.bitLength()).be(s.flag(), 2).be(s.length(), 2).be(s.start(), 4).be(s.nullPos(), 4);
            }
        }
        for (ColumnDef c : def.columns()) {
            w.be(c.type(), 2).be(c.length(), 2).u8(c.nullBit()).be(c.nullPos(), 2);
        }
        if (w.at != infoLength) {
            throw new IllegalStateException("header layout: wrote " + w.at + " bytes, expected " + infoLength);
        }
        return out;
    }

    /** {@code mi_get_pointer_length}: bytes for addressing {@code length} units, {@code def} when it is 0. */
    static int pointerLength(BigInteger length, int def) {
        if (length.signum() == 0) {
            return def;
        }
        for (int bytes = 8; bytes > 2; bytes--) {
            if (length.compareTo(BigInteger.ONE.shiftLeft((bytes - 1) * 8)) >= 0) {
                return bytes;
            }
        }
        return 2;
    }

    /** Big-endian writes at a moving position. */
    private static final class Writer {
        final byte[] b;
        int at;

        Writer(byte[] b) {
            this.b = b;
        }

        Writer u8(int v) {
            b[at++] = (byte) v;
            return this;
        }

        Writer be(long v, int len) {
            for (int i = len - 1; i >= 0; i--) {
                b[at + i] = (byte) v;
                v >>>= 8;
            }
            at += len;
            return this;
        }

        Writer skip(int n) {
            at += n;
            return this;
        }
    }
}
