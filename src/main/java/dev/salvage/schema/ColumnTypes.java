package dev.salvage.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sf.jsqlparser.statement.create.table.ColDataType;

/** JSqlParser's {@link ColDataType} → {@link ColumnType}. */
final class ColumnTypes {

    private ColumnTypes() {
    }

    static Optional<ColumnType> of(ColDataType dataType) {
        String raw = dataType.getDataType() == null ? "" : dataType.getDataType();
        // JSqlParser folds the length into the name for some types ("bigint (20)").
        int paren = raw.indexOf('(');
        String name = (paren >= 0 ? raw.substring(0, paren) : raw).trim();
        Optional<TypeKind> kind = TypeKind.fromSqlName(name);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = dataType.getArgumentsStringList() == null ? List.of() : dataType.getArgumentsStringList();
        if (kind.get() == TypeKind.ENUM || kind.get() == TypeKind.SET) {
            List<String> labels = new ArrayList<>();
            args.forEach(a -> labels.add(SqlText.unquoteString(a)));
            return Optional.of(new ColumnType(kind.get(), null, null, labels));
        }
        Integer length = dataType.getPrecision();
        Integer scale = dataType.getScale();
        if (length == null && !args.isEmpty()) {
            length = number(args.get(0));
            scale = args.size() > 1 ? number(args.get(1)) : null;
        }
        if (length == null && paren >= 0) {
            String[] inside = raw.substring(paren + 1, raw.lastIndexOf(')') > paren ? raw.lastIndexOf(')') : raw.length())
                    .split(",");
            length = number(inside[0]);
            scale = inside.length > 1 ? number(inside[1]) : null;
        }
        return Optional.of(new ColumnType(kind.get(), length, scale, List.of()));
    }

    private static Integer number(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
