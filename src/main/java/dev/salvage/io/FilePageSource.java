package dev.salvage.io;

import dev.salvage.innodb.fil.PageSize;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A {@link ByteRange} cut into pages of one physical size. */
public final class FilePageSource implements PageSource {

    private final ByteRange bytes;
    private final PageSize pageSize;

    public FilePageSource(ByteRange bytes, PageSize pageSize) {
        this.bytes = bytes;
        this.pageSize = pageSize;
    }

    @Override
    public PageSize pageSize() {
        return pageSize;
    }

    @Override
    public long pageCount() {
        return bytes.length() / pageSize.physical();
    }

    @Override
    public long trailingBytes() {
        return bytes.length() % pageSize.physical();
    }

    @Override
    public int readPages(long firstPage, int count, byte[] dst) throws IOException {
        int physical = pageSize.physical();
        long available = Math.max(0, pageCount() - firstPage);
        int wanted = (int) Math.min(count, available);
        int n = bytes.read(firstPage * physical, dst, 0, wanted * physical);
        return n / physical;
    }

    @Override
    public int readPages(long firstPage, int count, ByteBuffer dst) throws IOException {
        int physical = pageSize.physical();
        long available = Math.max(0, pageCount() - firstPage);
        int wanted = (int) Math.min(count, available);
        dst.clear().limit(wanted * physical);
        int n = bytes.read(firstPage * physical, dst);
        return n / physical;
    }

    @Override
    public String name() {
        return bytes.name();
    }

    @Override
    public void close() throws IOException {
        bytes.close();
    }
}
