package dev.salvage.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The tables a set of files holds, each with its definition and where its pages are: what {@code salvage rows}
 * recovers when no DDL is given. Built from a data directory, ibdata files, .ibd files, .frm files and
 * {@code salvage carve} folders, in any mix; every input is opened read-only.
 *
 * @param tables   the tables found, sorted by database and name
 * @param problems inputs that could not be used (e.g. an .ibd with no definition anywhere): each one means
 *                 rows that were not recovered
 * @param notes    inputs passed over on purpose (views, tables of other engines), for the report
 */
public record Catalog(List<CatalogTable> tables, List<String> problems, List<String> notes) {

    public Catalog {
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** Reads the definitions the inputs carry and pairs each table with its files. */
    public static Catalog discover(List<Path> inputs) throws IOException {
        return new CatalogBuilder(InputFiles.classify(inputs)).build();
    }

    /** The tables {@code wanted} names ({@code db/table}, {@code db.table} or {@code table}). */
    public List<CatalogTable> select(String wanted) {
        return tables.stream().filter(t -> t.matches(wanted)).toList();
    }

    /** The tables an "every table" run writes: all but the server's own databases. */
    public List<CatalogTable> userTables() {
        return tables.stream().filter(t -> !t.system()).toList();
    }
}
