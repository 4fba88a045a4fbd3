package dev.notionsync.core.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The naming policy: reserved names of the export's own files, and characters that never reach a file name. */
class FileNamesTests {

    private static final String ID = "1a2b3c4d-0000-4000-8000-000000000000";

    @ParameterizedTest
    @ValueSource(strings = {"index", "Index", "INDEX", "users", "Users", "export-report", "Export-Report", "assets",
        "files", "style", "search-index", " index ", "index.", "_private", "__init__", "_", ".hidden", "._index"})
    void noObjectIsNamedLikeTheExportsOwnFiles(String title) {
        String name = FileNames.create().assign(ID, title);

        assertThat(name).doesNotStartWith("_").doesNotStartWith(".").isNotBlank();
        assertThat(FileNames.RESERVED_NAMES).doesNotContain(name.toLowerCase(Locale.ROOT));
        assertThat(FileNames.isReserved(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9", "1F2E3D4C5B6A49788695A4B3C2D1E0F9",
        "1f2e3d4c5b6a49788695a4b3c2d1e0f9", "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f", "-1f2e3d4c5b6a49788695a4b3c2d1e0f9",
        "1f2e3d4c--5b6a-4978-8695a4b3c2d1e0f9", "1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0FI", "1f2e3d4c-5b6a-4978-8695-a4b3c2d1\u0130f9",
        "ÄBC-def", "", "-", "page-1"})
    void normalizedIdsAreTheUndashedLowerCaseIdOnceInMemory(String id) {
        String normalized = FileNames.normalizeId(id);
        assertThat(normalized).isEqualTo(id.replace("-", "").toLowerCase(Locale.ROOT));
        assertThat(normalized).isSameAs(FileNames.normalizeId(new String(id.toCharArray())));
    }

    @Test
    void titlesThatFoldToOneReservedNameGetDistinctNames() {
        FileNames names = FileNames.create();
        Set<String> folded = new HashSet<>();
        String[] titles = {"index", "Index", "INDEX", "index_"};
        for (int i = 0; i < titles.length; i++) {
            String name = names.assign("1a2b3c4" + i + "-0000-4000-8000-000000000000", titles[i]);
            assertThat(folded.add(name.toLowerCase(Locale.ROOT))).as(name).isTrue();
            assertThat(FileNames.isReserved(name)).as(name).isFalse();
        }
    }

    @Test
    void theReservedListCoversTheExportsOwnFiles() {
        assertThat(FileNames.RESERVED_NAMES).contains("index", "users", "export-report", "assets", "files")
                .allSatisfy(name -> assertThat(name).isEqualTo(name.toLowerCase(Locale.ROOT)));
        assertThat(FileNames.isReserved("Export-Report")).isTrue();
        assertThat(FileNames.isReserved("_anything")).isTrue();
        assertThat(FileNames.isReserved("indexes")).isFalse();
    }

    @Test
    void aReservedNameFromAnEarlierRunIsNotRestored() {
        FileNames names = FileNames.create();
        names.restore(ID, "index", "index");
        names.restore("2a2b3c4d-0000-4000-8000-000000000000", "Kept", "Kept");

        assertThat(names.name(ID)).isEmpty();
        assertThat(names.assign(ID, "index")).isNotEqualToIgnoringCase("index");
        assertThat(names.name("2a2b3c4d-0000-4000-8000-000000000000")).contains("Kept");
    }

    @Test
    void bidiControlsAndNulAreRemovedFromNames() {
        assertThat(FileNames.sanitize("evil\u202Etxt.exe\u0000")).isEqualTo("eviltxt.exe");
        String every = "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl\u061Cm";
        assertThat(FileNames.sanitize(every)).isEqualTo("abcdefghijklm");
        assertThat(FileNames.sanitize("nul\u0000 bell\u0007 esc\u001b del\u007f")).isEqualTo("nul bell esc del");
        assertThat(FileNames.sanitize("tab\tand\nline")).isEqualTo("tab and line");
        assertThat(FileNames.sanitize("\u202E")).isEqualTo("Untitled");
    }

    @Test
    void aNameWithBidiControlsFromAnEarlierRunIsGivenAnew() {
        FileNames names = FileNames.create();
        names.restore(ID, "evil\u202Etxt.exe", "evil\u202Etxt.exe");

        assertThat(names.assign(ID, "evil\u202Etxt.exe")).isEqualTo("eviltxt.exe");
    }
}
