package dev.salvage.dict;

import dev.salvage.innodb.fil.Fil;
import dev.salvage.schema.ServerDialect;
import dev.salvage.sdi.FoundTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tables the InnoDB system dictionary (SYS_TABLES, SYS_COLUMNS, SYS_INDEXES, SYS_FIELDS, and SYS_FOREIGN,
 * SYS_FOREIGN_COLS, SYS_VIRTUAL where present, in the system tablespace of MySQL 5.x and MariaDB) describes,
 * live and dropped, each as a {@link FoundTable} with source "dictionary": a CREATE TABLE from the column types
 * the dictionary keeps, with table id, space id, index ids and root pages.
 */
public final class DictionarySchema {

    private final List<FoundTable> tables;
    private final List<String> findings;
    private final ServerDialect dialect;

    DictionarySchema(List<FoundTable> tables, List<String> findings, ServerDialect dialect) {
        this.tables = List.copyOf(tables);
        this.findings = List.copyOf(findings);
        this.dialect = dialect;
    }

    /** Reads the dictionary from the system tablespace files (ibdata1[, ibdata2...]). Damage becomes findings. */
    public static DictionarySchema read(List<Path> systemSpaceFiles) throws IOException {
        DictScan.Result scan = DictScan.run(systemSpaceFiles);
        ServerDialect dialect = dialect(scan);
        List<String> findings = new ArrayList<>(scan.findings());
        if (scan.records().get(SysTable.SYS_TABLES).isEmpty()) {
            findings.add("no SYS_TABLES record found: not a system tablespace of MySQL 5.x or MariaDB"
                    + " (MySQL 8.0 keeps its dictionary in mysql.ibd as SDI)");
        }
        java.util.Set<Long> freed = new java.util.HashSet<>();
        for (DictRecord r : scan.records().get(SysTable.SYS_INDEXES)) {
            if (r.deleted() && r.number("PAGE_NO") == Fil.FIL_NULL && r.number("SPACE") == 0) {
                freed.add(r.number("ID"));
            }
        }
        Map<Long, Long> freedRoots = DictScan.freedRoots(systemSpaceFiles, freed);
        List<FoundTable> tables = new DictTables(scan.records(), systemSpaceFiles, dialect, freedRoots).tables();
        return new DictionarySchema(tables, findings, dialect);
    }

    /**
     * MariaDB and MySQL number a few collations differently. MariaDB shows itself by full_crc32 pages or by
     * tables only it creates; MySQL 5.7 by its own.
     */
    private static ServerDialect dialect(DictScan.Result scan) {
        if (scan.layout().fullCrc32()) {
            return ServerDialect.MARIADB_10_11;
        }
        for (DictRecord r : scan.records().get(SysTable.SYS_TABLES)) {
            String name = r.text("NAME");
            if (name != null && (name.equals("mysql/transaction_registry") || name.equals("mysql/gtid_slave_pos"))) {
                return ServerDialect.MARIADB_10_11;
            }
        }
        return ServerDialect.MYSQL_5_7;
    }

    /** Live and dropped tables ({@link FoundTable#dropped()}), source "dictionary", clustered index first. */
    public List<FoundTable> tables() {
        return tables;
    }

    /** Damage to the dictionary as a whole (pages unreadable, trees broken, records that do not parse), as text. */
    public List<String> findings() {
        return findings;
    }

    /** The server family the collation ids were read for. */
    public ServerDialect dialect() {
        return dialect;
    }
}
