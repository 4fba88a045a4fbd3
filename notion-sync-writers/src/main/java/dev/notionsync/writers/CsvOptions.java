package dev.notionsync.writers;

/**
 * How a {@link CsvWriter} writes its files. Immutable; build with {@link #builder()}, derive variants with
 * {@link #mutate()}.
 *
 * <pre>{@code
 * // for a program that reads the values back, not for a spreadsheet
 * CsvWriter raw = CsvWriter.create(CsvOptions.builder().neutralizeFormulas(false).build());
 * }</pre>
 *
 * @since 0.1
 */
public final class CsvOptions {

    /** The options of {@link CsvWriter#create()}: formulas neutralised. */
    public static final CsvOptions DEFAULT = builder().build();

    private final boolean neutralizeFormulas;

    private CsvOptions(Builder builder) {
        this.neutralizeFormulas = builder.neutralizeFormulas;
    }

    /**
     * Returns a builder with the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised from these options.
     *
     * @return the builder
     */
    public Builder mutate() {
        return new Builder().neutralizeFormulas(neutralizeFormulas);
    }

    /**
     * @return whether a cell that a spreadsheet would read as a formula gets a {@code '} in front (see
     *     {@link CsvWriter})
     */
    public boolean neutralizeFormulas() {
        return neutralizeFormulas;
    }

    /**
     * Builds {@link CsvOptions}.
     *
     * @since 0.1
     */
    public static final class Builder {

        private boolean neutralizeFormulas = true;

        private Builder() {
        }

        /**
         * Sets whether cells that start like a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, carriage
         * return) get a {@code '} in front, so a spreadsheet shows them as text instead of evaluating them. On by
         * default; turn it off only for programs that read the files, never for files people open.
         *
         * @param value whether to neutralise
         * @return this builder
         */
        public Builder neutralizeFormulas(boolean value) {
            this.neutralizeFormulas = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public CsvOptions build() {
            return new CsvOptions(this);
        }
    }
}
