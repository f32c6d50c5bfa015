package dev.salvage.schema;

import java.util.List;
import java.util.Optional;

/** The tables read from a DDL text and the problems met on the way. */
public record DdlParseResult(List<TableDef> tables, List<DdlProblem> problems) {

    public DdlParseResult {
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
    }

    public Optional<TableDef> table(String name) {
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    public boolean hasFatalProblems() {
        return problems.stream().anyMatch(DdlProblem::fatal);
    }
}
