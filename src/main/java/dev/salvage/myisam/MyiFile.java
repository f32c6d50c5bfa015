package dev.salvage.myisam;

import dev.salvage.io.ByteRange;
import dev.salvage.io.UnreadableInputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a .MYI file, read as {@code mi_open} does: the 24-byte file header, the state
 * ({@link MyiState}), the base ({@link MyiBase}), the key definitions with their segments, the unique
 * constraints and the column definitions. Everything the record and key readers need comes from here.
 */
public final class MyiFile {

    static final int HEADER_SIZE = 24;
    /** {@code MI_STATE_INFO_SIZE}: the state without its per-key arrays; older or newer servers may differ. */
    static final int STATE_INFO_SIZE = 176;
    /** The state fields up to update_count, after the 24-byte header. */
    private static final int STATE_FIXED_PART = 100;
    private static final int STATE_TAIL = 4 + 4 + 4 + 8 + 8 + 8 + 8 + 8;
    private static final int MAX_KEYS = 64;
    private static final int MAX_KEY_SEGS = 32;
    /**
     * Ceiling for the in-record length of a row. The server refuses rows over 65,535 bytes (BLOB contents live
     * outside that part), so anything far above is a damaged header; readers allocate record buffers from these
     * lengths, once per record, and must never be handed gigabytes.
     */
    static final long MAX_RECORD_LENGTH = 1 << 20;
    private static final int MAX_FIELDS = 4096;

    private final int options;
    private final int headerLength;
    private final int keyParts;
    private final int uniqueKeyParts;
    private final int uniques;
    private final int language;
    private final int maxBlockSizeIndex;
    private final int fulltextKeys;
    private final MyiState state;
    private final MyiBase base;
    private final List<KeyDef> keys;
    private final List<ColumnDef> columns;
    private final List<MyisamFinding> findings;

    private MyiFile(int options, int headerLength, int keyParts, int uniqueKeyParts, int uniques, int language,
            int maxBlockSizeIndex, int fulltextKeys, MyiState state, MyiBase base, List<KeyDef> keys,
            List<ColumnDef> columns, List<MyisamFinding> findings) {
        this.options = options;
        this.headerLength = headerLength;
        this.keyParts = keyParts;
        this.uniqueKeyParts = uniqueKeyParts;
        this.uniques = uniques;
        this.language = language;
        this.maxBlockSizeIndex = maxBlockSizeIndex;
        this.fulltextKeys = fulltextKeys;
        this.state = state;
        this.base = base;
        this.keys = List.copyOf(keys);
        this.columns = List.copyOf(columns);
        this.findings = List.copyOf(findings);
    }

    /** Reads the header from an open .MYI; a file that is not MyISAM or too short to describe a table is unreadable. */
    public static MyiFile read(ByteRange myi) throws IOException {
        byte[] head = new byte[HEADER_SIZE];
        if (myi.read(0, head, 0, HEADER_SIZE) < HEADER_SIZE) {
            throw new UnreadableInputException(myi.name() + ": too short for a MyISAM index file ("
                    + myi.length() + " bytes)");
        }
        if ((head[0] & 0xff) != 0xfe || (head[1] & 0xff) != 0xfe || head[2] != 7) {
            throw new UnreadableInputException(myi.name() + ": not a MyISAM index file (wrong magic)");
        }
        int headerLength = Be.u16(head, 6);
        byte[] all = new byte[Math.max(headerLength, HEADER_SIZE)];
        int got = myi.read(0, all, 0, all.length);
        if (got < all.length) {
            throw new UnreadableInputException(myi.name() + ": index header cut short (" + got + " of "
                    + all.length + " bytes)");
        }
        return parse(all, myi.name());
    }

    /** Parses the header bytes (at least {@code header_length} of them). */
    public static MyiFile parse(byte[] b, String name) throws UnreadableInputException {
        if (b.length < HEADER_SIZE || (b[0] & 0xff) != 0xfe || (b[1] & 0xff) != 0xfe || b[2] != 7) {
            throw new UnreadableInputException(name + ": not a MyISAM index file (wrong magic)");
        }
        List<MyisamFinding> findings = new ArrayList<>();
        if (b[3] != 1) {
            findings.add(MyisamFinding.warning("file-version", "MYI", 3, "Unknown MyISAM file version " + b[3]));
        }
        int options = Be.u16(b, 4);
        int headerLength = Be.u16(b, 6);
        int stateInfoLength = Be.u16(b, 8);
        int basePos = Be.u16(b, 12);
        int keyParts = Be.u16(b, 14);
        int uniqueKeyParts = Be.u16(b, 16);
        int keyCount = Be.u8(b, 18);
        int uniques = Be.u8(b, 19);
        int language = Be.u8(b, 20);
        int maxBlockSizeIndex = Be.u8(b, 21);
        int fulltextKeys = Be.u8(b, 22);
        if (keyCount > MAX_KEYS || keyParts > MAX_KEYS * MAX_KEY_SEGS || uniqueKeyParts > MAX_KEYS * MAX_KEY_SEGS
                || stateInfoLength < STATE_INFO_SIZE - 64) {
            throw new UnreadableInputException(name + ": impossible index header (keys " + keyCount + ", key parts "
                    + keyParts + ", state length " + stateInfoLength + ")");
        }
        int diff = stateInfoLength - STATE_INFO_SIZE;
        int p = HEADER_SIZE;
        int need = p + STATE_FIXED_PART + Math.max(diff, 0) + keyCount * 8 + maxBlockSizeIndex * 8 + STATE_TAIL
                + keyParts * 4;
        if (need > b.length) {
            throw new UnreadableInputException(name + ": index header too short for its state (" + b.length
                    + " bytes, state needs " + need + ")");
        }
        int openCount = Be.u16(b, p);
        int changed = Be.u8(b, p + 2);
        int sortKey = Be.u8(b, p + 3);
        long records = Be.u64(b, p + 4);
        long del = Be.u64(b, p + 12);
        long split = Be.u64(b, p + 20);
        long dellink = Be.u64(b, p + 28);
        long keyFileLength = Be.u64(b, p + 36);
        long dataFileLength = Be.u64(b, p + 44);
        long empty = Be.u64(b, p + 52);
        long keyEmpty = Be.u64(b, p + 60);
        long autoIncrement = Be.u64(b, p + 68);
        long checksum = Be.u64(b, p + 76);
        long process = Be.u32(b, p + 84);
        long unique = Be.u32(b, p + 88);
        long status = Be.u32(b, p + 92);
        long updateCount = Be.u32(b, p + 96);
        p += STATE_FIXED_PART + diff;
        List<Long> roots = new ArrayList<>();
        for (int i = 0; i < keyCount; i++, p += 8) {
            roots.add(Be.u64(b, p));
        }
        List<Long> keyDel = new ArrayList<>();
        for (int i = 0; i < maxBlockSizeIndex; i++, p += 8) {
            keyDel.add(Be.u64(b, p));
        }
        p += 12; // sec_index_changed, sec_index_used, version
        long keyMap = Be.u64(b, p);
        long createTime = Be.u64(b, p + 8);
        long recoverTime = Be.u64(b, p + 16);
        long checkTime = Be.u64(b, p + 24);
        MyiState state = new MyiState(openCount, changed, sortKey, records, del, split, dellink, keyFileLength,
                dataFileLength, empty, keyEmpty, autoIncrement, checksum, process, unique, status, updateCount,
                roots, keyDel, keyMap, createTime, recoverTime, checkTime);

        if (!Be.fits(b, basePos, MyiBase.SIZE)) {
            throw new UnreadableInputException(name + ": base info at " + basePos + " lies outside the header");
        }
        MyiBase base = MyiBase.read(b, basePos);
        if (base.reclength() <= 0 || base.reclength() > MAX_RECORD_LENGTH || base.packReclength() <= 0
                || base.packReclength() > MAX_RECORD_LENGTH + 8) {
            throw new UnreadableInputException(name + ": impossible record length " + base.reclength()
                    + " (on disk " + base.packReclength() + ")");
        }
        if (base.recRefLength() < 2 || base.recRefLength() > 8 || base.keyRefLength() < 1
                || base.keyRefLength() > 7 || base.keys() != keyCount || base.fields() > MAX_FIELDS) {
            throw new UnreadableInputException(name + ": impossible base info (record pointer "
                    + base.recRefLength() + " bytes, key pointer " + base.keyRefLength() + " bytes, keys "
                    + base.keys() + ", fields " + base.fields() + ")");
        }
        p = basePos + MyiBase.SIZE;
        List<KeyDef> keys = new ArrayList<>();
        for (int k = 0; k < keyCount; k++) {
            if (!Be.fits(b, p, KeyDef.SIZE)) {
                throw new UnreadableInputException(name + ": key definition " + (k + 1) + " lies outside the header");
            }
            int segCount = Be.u8(b, p);
            int alg = Be.u8(b, p + 1);
            int flag = Be.u16(b, p + 2);
            int blockLength = Be.u16(b, p + 4);
            int keyLength = Be.u16(b, p + 6);
            int minLength = Be.u16(b, p + 8);
            int maxLength = Be.u16(b, p + 10);
            p += KeyDef.SIZE;
            List<KeySeg> segs = readSegments(b, p, segCount, name, "key " + (k + 1));
            p += segCount * KeySeg.SIZE;
            if (blockLength < 1024 || blockLength % 1024 != 0 || blockLength > 16384) {
                findings.add(MyisamFinding.error("key-definition", "MYI", -1, "Key " + (k + 1)
                        + " has an impossible block length " + blockLength));
            }
            keys.add(new KeyDef(alg, flag, blockLength, keyLength, minLength, maxLength, segs));
        }
        for (int u = 0; u < uniques; u++) {
            if (!Be.fits(b, p, 4)) {
                throw new UnreadableInputException(name + ": unique definition " + (u + 1) + " lies outside the header");
            }
            int segCount = Be.u16(b, p);
            p += 4;
            readSegments(b, p, segCount, name, "unique " + (u + 1));
            p += segCount * KeySeg.SIZE;
        }
        int fields = (int) base.fields();
        if (!Be.fits(b, p, fields * ColumnDef.SIZE)) {
            throw new UnreadableInputException(name + ": column definitions lie outside the header");
        }
        List<ColumnDef> columns = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < fields; i++, p += ColumnDef.SIZE) {
            ColumnDef c = ColumnDef.read(b, p);
            columns.add(c);
            total += c.length();
        }
        if (total > base.reclength()) {
            findings.add(MyisamFinding.error("column-definition", "MYI", -1, "Columns add up to " + total
                    + " bytes but the record length is " + base.reclength()));
        }
        return new MyiFile(options, headerLength, keyParts, uniqueKeyParts, uniques, language, maxBlockSizeIndex,
                fulltextKeys, state, base, keys, columns, findings);
    }

    /**
     * A stand-in header for a FIXED table whose .MYI is lost, from what the .frm says: the options and the record
     * length. It has no keys and an empty state; record pointers are taken as 8 bytes, the widest, so that a
     * deleted record's link never passes for column bytes.
     */
    static MyiFile withoutIndex(int options, long recordLength) {
        MyiState state = new MyiState(0, 0, 0, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), 0, 0,
                0, 0);
        MyiBase base = new MyiBase(0, 0, 0, 0, 0, 0, recordLength, recordLength, 0, 0, 0, 0, 0, 8, 1, 0, 0, 0, 0, 0,
                0, 0, 0);
        return new MyiFile(options & ~(RecordFormat.HA_OPTION_PACK_RECORD | RecordFormat.HA_OPTION_COMPRESS_RECORD),
                0, 0, 0, 0, 0, 0, 0, state, base, List.of(), List.of(), List.of());
    }

    /**
     * A stand-in header for a DYNAMIC table whose .MYI is lost: the column packing and record lengths derived from
     * the .frm ({@link FrmMyisamDefinition}), no keys and an empty state (nothing to compare the data with).
     */
    static MyiFile derived(FrmMyisamDefinition def) {
        MyiState state = new MyiState(0, 0, 0, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), 0, 0,
                0, 0);
        MyiBase b = def.base();
        MyiBase base = new MyiBase(0, 0, 0, 0, 0, 0, b.reclength(), b.packReclength(), b.minPackLength(),
                b.maxPackLength(), b.minBlockLength(), b.fields(), b.packFields(), b.recRefLength(), 1, 0, 0,
                b.packBits(), b.blobs(), 0, 0, 0, 0);
        return new MyiFile(def.options(), 0, 0, 0, 0, 0, 0, 0, state, base, List.of(), def.columns(), List.of());
    }

    private static List<KeySeg> readSegments(byte[] b, int p, int count, String name, String what)
            throws UnreadableInputException {
        if (count > MAX_KEY_SEGS + 2 || !Be.fits(b, p, count * KeySeg.SIZE)) {
            throw new UnreadableInputException(name + ": segments of " + what + " lie outside the header");
        }
        List<KeySeg> segs = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            segs.add(KeySeg.read(b, p + s * KeySeg.SIZE));
        }
        return segs;
    }

    public int options() {
        return options;
    }

    public RecordFormat format() {
        return RecordFormat.of(options);
    }

    /** HA_OPTION_CHECKSUM: a one-byte checksum ends every DYNAMIC record and the state holds a table checksum. */
    public boolean rowChecksums() {
        return (options & 32) != 0; // HA_OPTION_CHECKSUM (8 is HA_OPTION_LONG_BLOB_PTR)
    }

    public int headerLength() {
        return headerLength;
    }

    public int keyParts() {
        return keyParts;
    }

    public int uniqueKeyParts() {
        return uniqueKeyParts;
    }

    public int uniques() {
        return uniques;
    }

    /** Default collation id of the table. */
    public int language() {
        return language;
    }

    public int maxBlockSizeIndex() {
        return maxBlockSizeIndex;
    }

    public int fulltextKeys() {
        return fulltextKeys;
    }

    public MyiState state() {
        return state;
    }

    public MyiBase base() {
        return base;
    }

    public List<KeyDef> keys() {
        return keys;
    }

    public List<ColumnDef> columns() {
        return columns;
    }

    /** Oddities in the header itself (unknown version, impossible block lengths). */
    public List<MyisamFinding> findings() {
        return findings;
    }

    /** A record pointer as stored in keys: a byte offset for DYNAMIC, a record number for FIXED. */
    long recordPosition(long stored) {
        return format() == RecordFormat.FIXED ? stored * base.packReclength() : stored;
    }

    /** The all-ones value of a {@code rec_reflength}-byte pointer, which ends a FIXED delete chain. */
    long recordPointerEnd() {
        int len = base.recRefLength();
        return len >= 8 ? -1L : (1L << (len * 8)) - 1;
    }
}
