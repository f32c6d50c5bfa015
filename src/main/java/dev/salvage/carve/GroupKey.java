package dev.salvage.carve;

/**
 * Which output a found page belongs to. Index pages (INDEX, RTREE, SDI, MariaDB INSTANT) group by
 * (space id, index id); BLOB/LOB pages by space id (each page number becomes its own file when the
 * output is finished, as undrop does); every other type by (type, space id). The physical size is
 * part of the key so one spool file holds pages of one size and slot n is at n × size.
 */
record GroupKey(Kind kind, long spaceId, long id, int typeCode, dev.salvage.innodb.fil.Vendor typeVendor, int physicalSize) implements Comparable<GroupKey> {

    enum Kind { INDEX, BLOB, OTHER }

    static GroupKey of(FoundPage p) {
        var type = p.type();
        if (type.hasIndexHeader()) {
            return new GroupKey(Kind.INDEX, p.spaceId(), p.indexId(), 0, dev.salvage.innodb.fil.Vendor.UNKNOWN, p.physicalSize());
        }
        if (isBlob(type.category())) {
            return new GroupKey(Kind.BLOB, p.spaceId(), 0, 0, dev.salvage.innodb.fil.Vendor.UNKNOWN, p.physicalSize());
        }
        return new GroupKey(Kind.OTHER, p.spaceId(), 0, p.typeCode(), p.typeVendor(), p.physicalSize());
    }

    static boolean isBlob(dev.salvage.innodb.fil.PageType.Category c) {
        return switch (c) {
            case BLOB, ZBLOB, LOB, ZLOB, SDI_BLOB -> true;
            default -> false;
        };
    }

    @Override
    public int compareTo(GroupKey o) {
        int c = kind.compareTo(o.kind);
        if (c == 0) c = Integer.compare(typeCode, o.typeCode);
        if (c == 0) c = Long.compare(spaceId, o.spaceId);
        if (c == 0) c = Long.compareUnsigned(id, o.id);
        if (c == 0) c = Integer.compare(physicalSize, o.physicalSize);
        return c;
    }
}
