package dev.notionsync.writers;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for tests, written independently of {@link Csv}: records end with CRLF, a bare CR or LF
 * outside quotes is an error, quoted fields may hold anything with quotes doubled.
 */
final class CsvRecords {

    private CsvRecords() {
    }

    /**
     * Parses a whole file's text (without the byte order mark).
     *
     * @param text the text
     * @return the records
     * @throws IllegalArgumentException if the text is not strict RFC 4180
     */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                } else if (c == '"') {
                    quoted = false;
                    i++;
                    if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                        throw new IllegalArgumentException("text after a closing quote at " + i);
                    }
                } else {
                    field.append(c);
                    i++;
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                i++;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                fieldStart = true;
                i += 2;
            } else if (c == '\r' || c == '\n' || c == '"') {
                throw new IllegalArgumentException("unquoted " + (int) c + " at " + i);
            } else {
                field.append(c);
                fieldStart = false;
                i++;
            }
        }
        if (quoted || !record.isEmpty() || field.length() > 0) {
            throw new IllegalArgumentException("the last record does not end with CRLF");
        }
        return records;
    }
}
