package dev.salvage.myisam;

import java.io.IOException;

/**
 * Walks the record delete chain from the state's {@code dellink}, as {@code chk_del} does: at most
 * {@code state.del} links, each inside the file and remove-marked; DYNAMIC links must point back.
 */
final class DeleteChain {
    private DeleteChain() {
    }

    /** Walks the chain; returns the bytes found in it and reports problems to the sink. */
    static long walk(MyiFile myi, DataWindow data, long dataFileLength, FindingSink sink) throws IOException {
        MyiState state = myi.state();
        boolean dynamic = myi.format() == RecordFormat.DYNAMIC;
        if (myi.format() == RecordFormat.COMPRESSED) {
            return 0;
        }
        int linkLength = dynamic ? DynamicBlock.MAX_HEADER : myi.base().recRefLength() + 1;
        byte[] buf = new byte[linkLength];
        long next = state.dellink();
        long empty = 0;
        long oldLink = -1;
        long remaining = state.deleted();
        boolean first = true;
        // The count bounds the walk, so a loop in the chain cannot run forever.
        for (; remaining > 0 && next != -1; remaining--) {
            if (Long.compareUnsigned(next, dataFileLength) >= 0) {
                sink.add(MyisamFinding.error("delete-chain", "MYD", next, "Delete link at filepos " + next
                        + " points outside the data file (" + dataFileLength + " bytes)"));
                return broken(sink, empty);
            }
            if (data.read(next, buf, 0, linkLength) < linkLength) {
                sink.add(MyisamFinding.error("delete-chain", "MYD", next, "Can't read delete-link at filepos: " + next));
                return broken(sink, empty);
            }
            if (buf[0] != 0) {
                sink.add(MyisamFinding.error("delete-chain", "MYD", next, "Record at pos: " + next
                        + " is not remove-marked"));
                return broken(sink, empty);
            }
            if (dynamic) {
                long prev = Be.u64(buf, 12);
                if (!first && prev != oldLink) {
                    sink.add(MyisamFinding.error("delete-chain", "MYD", next, "Deleted block at " + next
                            + " doesn't point back at previous delete link"));
                    return broken(sink, empty);
                }
                oldLink = next;
                empty += Be.u24(buf, 1);
                next = Be.u64(buf, 4);
            } else {
                long stored = Be.un(buf, 1, myi.base().recRefLength());
                next = stored == myi.recordPointerEnd() ? -1 : myi.recordPosition(stored);
                empty += myi.base().packReclength();
            }
            first = false;
        }
        if (empty != state.empty()) {
            sink.add(MyisamFinding.warning("deleted-space", "MYD", -1, "Found " + empty
                    + " deleted space in delete link chain. Should be " + state.empty()));
        }
        if (next != -1) {
            sink.add(MyisamFinding.error("delete-chain", "MYD", next,
                    "Found more than the expected " + state.deleted() + " deleted rows in delete link chain"));
            return broken(sink, empty);
        }
        if (remaining != 0) {
            sink.add(MyisamFinding.error("delete-chain", "MYD", -1, "Found " + (state.deleted() - remaining)
                    + " deleted rows in delete link chain. Should be " + state.deleted()));
            return broken(sink, empty);
        }
        return empty;
    }

    private static long broken(FindingSink sink, long empty) {
        sink.add(MyisamFinding.error("delete-chain", "MYD", -1, "record delete-link-chain corrupted"));
        return empty;
    }
}
