package dev.notionsync.writers;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;

/**
 * Jackson's default pretty printer, byte for byte, with its indentation and {@code " : "} written from bytes encoded
 * once: the default writes them as characters, encoded one at a time, and in an exported page (blocks nested in
 * blocks, rich text in blocks) indentation is a good part of the file.
 */
final class PrettyJson extends DefaultPrettyPrinter {

    private static final long serialVersionUID = 1L;

    private static final Lines LINES = new Lines();

    private static final SerializedString FIELD_VALUE = new SerializedString(" : ");

    private PrettyJson() {
        _objectIndenter = LINES;
    }

    private PrettyJson(PrettyJson base) {
        super(base);
    }

    /**
     * Returns a printer for one generator (a printer keeps the nesting of what it prints).
     *
     * @return a new printer
     */
    static PrettyJson create() {
        return new PrettyJson();
    }

    @Override
    public PrettyJson createInstance() {
        return new PrettyJson(this);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(FIELD_VALUE);
    }

    /** {@link DefaultIndenter#SYSTEM_LINEFEED_INSTANCE}: a line break and two spaces per level. */
    private static final class Lines implements Indenter {

        private final SerializedString[] levels = new SerializedString[64];

        Lines() {
            for (int level = 0; level < levels.length; level++) {
                levels[level] = new SerializedString(DefaultIndenter.SYS_LF + "  ".repeat(level));
            }
        }

        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            if (level < levels.length) {
                g.writeRaw(levels[level]);
            } else {
                DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.writeIndentation(g, level);
            }
        }

        @Override
        public boolean isInline() {
            return false;
        }
    }
}
