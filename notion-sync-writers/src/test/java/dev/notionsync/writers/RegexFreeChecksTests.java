package dev.notionsync.writers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks that run for every styled segment and code block without a regex give what the regex gave, on hostile
 * names too.
 */
class RegexFreeChecksTests {

    @ParameterizedTest
    @ValueSource(strings = {"red", "red_background", "gray_background", "default", "_background", "background",
        "a_background_background", "Red", "red background", "red_backgroundx", "red-background", "", "é", "red\n",
        "yellow_Background", "x_background\u0000", "<script>", "blue\" onmouseover=\"x"})
    void colourClassesAsTheRegexAllowedThem(String color) {
        String expected = "default".equals(color) || color.isEmpty() || !color.matches("[a-z]+(?:_background)?") ? ""
                : color.endsWith("_background") ? "bg-" + color.substring(0, color.length() - 11) : "c-" + color;
        assertThat(HtmlText.colorClass(color)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Java", "Mermaid", "x\"><script>alert(1)</script>", "日本語", "ab\u0000cd", "a  b", "--x--",
        "\u00e9l\u00e8ve", "tab\there", "", "a\u200bb", "ǅ", "1c", "Go", "c+#._-9", "x/y", "a:b", "K\u212a"})
    void infoStringsAsTheRegexCleanedThem(String language) {
        // none of these is an alias: the name is lowercased and cleaned only
        String expected = language.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}+#._-]+", "-");
        assertThat(Languages.infoString(language)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C++", "C#", "Plain Text", "Visual Basic", "Java/C/C++/C#"})
    void aliasesStayWhatTheTableSays(String language) {
        assertThat(Languages.infoString(language)).matches("[a-z]+");
    }
}
