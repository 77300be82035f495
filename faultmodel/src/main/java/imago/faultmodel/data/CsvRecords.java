package imago.faultmodel.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader that remembers where each field starts, so errors can name line and
 * column. Accepts LF and CRLF line ends and quoted fields with doubled quotes.
 */
final class CsvRecords {

    /** A field's text and where it starts (1-based line and column). */
    record Field(String text, int line, int col) {
    }

    /** One record: its fields and the line it starts on. */
    record Row(List<Field> fields, int line) {
        boolean isBlank() {
            return fields.size() == 1 && fields.getFirst().text().isEmpty();
        }
    }

    private CsvRecords() {
    }

    static List<Row> parse(String file, String text) {
        List<Row> rows = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int line = 1;
        int col = 1;
        int rowLine = 1;
        int fieldLine = 1;
        int fieldCol = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cur.append('"');
                        i += 2;
                        col += 2;
                        continue;
                    }
                    quoted = false;
                    afterQuote = true;
                } else if (c == '\n') {
                    cur.append(c);
                    line++;
                    col = 0;
                } else {
                    cur.append(c);
                }
                i++;
                col++;
                continue;
            }
            if (c == ',') {
                fields.add(new Field(cur.toString(), fieldLine, fieldCol));
                cur.setLength(0);
                afterQuote = false;
                i++;
                col++;
                fieldLine = line;
                fieldCol = col;
            } else if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i++;
            } else if (c == '\n') {
                fields.add(new Field(cur.toString(), fieldLine, fieldCol));
                rows.add(new Row(List.copyOf(fields), rowLine));
                fields.clear();
                cur.setLength(0);
                afterQuote = false;
                i++;
                line++;
                col = 1;
                rowLine = line;
                fieldLine = line;
                fieldCol = 1;
            } else if (c == '"' && cur.isEmpty() && !afterQuote) {
                quoted = true;
                i++;
                col++;
            } else if (afterQuote) {
                throw DataSetException.at(file, line, col, "csv", "unexpected character after a closing quote");
            } else if (c == '"') {
                throw DataSetException.at(file, line, col, "csv", "quote inside an unquoted field");
            } else {
                cur.append(c);
                i++;
                col++;
            }
        }
        if (quoted) {
            throw DataSetException.at(file, fieldLine, fieldCol, "csv", "quoted field is never closed");
        }
        if (!cur.isEmpty() || !fields.isEmpty() || afterQuote) {
            fields.add(new Field(cur.toString(), fieldLine, fieldCol));
            rows.add(new Row(List.copyOf(fields), rowLine));
        }
        return rows;
    }
}
