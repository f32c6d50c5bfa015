package dev.salvage.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads table options ({@code ENGINE=InnoDB DEFAULT CHARSET=latin1 COMMENT='x' ...}) from JSqlParser's token
 * list into upper-case name → value, with CHARACTER SET spelled CHARSET and DEFAULT dropped.
 */
final class TableOptions {

    private TableOptions() {
    }

    static Map<String, String> read(List<String> tokens) {
        Map<String, String> options = new LinkedHashMap<>();
        if (tokens == null) {
            return options;
        }
        int i = 0;
        while (i < tokens.size()) {
            String word = tokens.get(i).toUpperCase(Locale.ROOT);
            if (word.equals("DEFAULT") || word.equals("=") || word.equals(",")) {
                i++;
                continue;
            }
            String key = word;
            i++;
            if (word.equals("CHARACTER") && i < tokens.size() && tokens.get(i).equalsIgnoreCase("SET")) {
                key = "CHARSET";
                i++;
            } else if ((word.equals("DATA") || word.equals("INDEX")) && i < tokens.size()
                    && tokens.get(i).equalsIgnoreCase("DIRECTORY")) {
                key = word + " DIRECTORY";
                i++;
            }
            if (i < tokens.size() && tokens.get(i).equals("=")) {
                i++;
            }
            String value = i < tokens.size() ? tokens.get(i) : "";
            i++;
            options.put(key, value);
        }
        return options;
    }
}
