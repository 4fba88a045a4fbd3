package dev.notionsync.writers;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 records: fields separated by commas, records ended by CRLF, and a field that holds a comma, a double
 * quote, a CR or an LF enclosed in double quotes with its quotes doubled. Line breaks inside a field are kept as
 * they are.
 */
final class Csv {

    /** The UTF-8 byte order mark, without which Excel reads a CSV file in the system's legacy code page. */
    static final char BOM = '\uFEFF';

    private Csv() {
    }

    /** What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection). */
    private static final String FORMULA_START = "=+-@\t\r";

    /**
     * Returns the text of a cell that a spreadsheet would evaluate with a single quote in front, as OWASP
     * recommends against CSV injection; the quote shows the cell as text.
     *
     * @param text the cell's text
     * @return the text, neutralised when it starts like a formula
     */
    static String neutralized(String text) {
        return !text.isEmpty() && FORMULA_START.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /**
     * Returns a field as it appears in a record. NUL characters are dropped: they are not text, and many readers
     * stop at them.
     *
     * @param text the field's text
     * @return the field, quoted when needed
     */
    static String field(String text) {
        String value = text.replace("\0", "");
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /**
     * Writes one record and its CRLF.
     *
     * @param out the destination
     * @param fields the fields' text
     * @throws IOException if writing fails
     */
    static void record(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }
}
