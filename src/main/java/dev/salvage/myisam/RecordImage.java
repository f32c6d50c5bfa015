package dev.salvage.myisam;

import java.util.List;

/**
 * A record in MyISAM's in-memory ("unpacked") layout: {@code reclength} bytes with each column at the offset
 * its {@link ColumnDef} gives. In that layout a blob column holds its length and a pointer; here the blob
 * bytes are kept apart, in column order.
 *
 * @param position where the record starts in the .MYD
 * @param image    the unpacked record
 * @param blobs    contents of the BLOB/TEXT columns in column order
 */
public record RecordImage(long position, byte[] image, List<byte[]> blobs) {
}
