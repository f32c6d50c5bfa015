package dev.salvage.myisam;

import java.util.List;

/**
 * The mutable part of the .MYI header ({@code mi_state_info_read}): what the server believes about the files.
 * Offsets of −1 mean HA_OFFSET_ERROR (no block / end of chain).
 *
 * @param changed      STATE_* bits: 1 changed, 2 crashed, 4 crashed on repair, 8 not analyzed, …
 * @param split        number of data blocks (records + deleted blocks + continuation parts)
 * @param dellink      head of the record delete chain
 * @param empty        bytes in deleted blocks
 * @param keyRoots     root block of each index
 * @param keyDeletes   head of the free key block chain per block size
 */
public record MyiState(int openCount, int changed, int sortKey, long records, long deleted, long split,
        long dellink, long keyFileLength, long dataFileLength, long empty, long keyEmpty, long autoIncrement,
        long checksum, long process, long unique, long status, long updateCount, List<Long> keyRoots,
        List<Long> keyDeletes, long keyMap, long createTime, long recoverTime, long checkTime) {

    public static final int STATE_CHANGED = 1;
    public static final int STATE_CRASHED = 2;
    public static final int STATE_CRASHED_ON_REPAIR = 4;

    public MyiState {
        keyRoots = List.copyOf(keyRoots);
        keyDeletes = List.copyOf(keyDeletes);
    }

    public boolean crashed() {
        return (changed & (STATE_CRASHED | STATE_CRASHED_ON_REPAIR)) != 0;
    }

    public boolean crashedOnRepair() {
        return (changed & STATE_CRASHED_ON_REPAIR) != 0;
    }

    /** Index {@code key} (0-based) is enabled (DISABLE KEYS clears bits in key_map). */
    public boolean keyActive(int key) {
        return key < 64 && (keyMap >>> key & 1) != 0;
    }
}
