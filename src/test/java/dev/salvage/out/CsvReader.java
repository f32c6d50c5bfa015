package dev.salvage.out;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: an empty unquoted field is NULL, {@code ""} the empty string. */
final class CsvReader {

    private CsvReader() {
    }

    static List<List<String>> read(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            String field;
            if (text.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            value.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        value.append(c);
                    }
                }
                field = value.toString();
            } else {
                int end = i;
                while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '\r') {
                    if (text.charAt(end) == '"' || text.charAt(end) == '\n') {
                        throw new IllegalArgumentException("bare quote or LF at " + end);
                    }
                    end++;
                }
                field = end == i ? null : text.substring(i, end);
                i = end;
            }
            row.add(field);
            if (text.charAt(i) == ',') {
                i++;
            } else if (text.startsWith("\r\n", i)) {
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                throw new IllegalArgumentException("expected , or CRLF at " + i);
            }
        }
        if (!row.isEmpty()) {
            throw new IllegalArgumentException("last line without CRLF");
        }
        return rows;
    }
}
