package dev.notionsync.core.export;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's sets of ids: bits over dense id numbers, comparing ids as {@link FileNames#normalizeId} does. */
class IdSetTests {

    @Test
    void anIdIsOneMemberInEveryFormAndCase() {
        IdSet set = new IdSet(new IdTable());
        assertThat(set.add("1e8f7a3c9b2d4e6f8a0b1c2d3e4f5a6b")).isTrue();

        assertThat(set.add("1E8F7A3C-9B2D-4E6F-8A0B-1C2D3E4F5A6B")).isFalse();
        assertThat(set.contains("1e8f7a3c-9b2d-4e6f-8a0b-1c2d3e4f5a6b")).isTrue();
        assertThat(set.contains("1e8f7a3c9b2d4e6f8a0b1c2d3e4f5a6c")).isFalse();
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void idsThatAreNotHexAreKeptAsTheyNormalize() {
        IdTable ids = new IdTable();
        IdSet set = new IdSet(ids);
        assertThat(set.add("Page-One")).isTrue();
        // 32 characters but not hex: kept as a string, apart from the hex ids (the all-zero one among them)
        assertThat(set.add("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")).isTrue();
        assertThat(set.add("00000000000000000000000000000000")).isTrue();

        assertThat(set.contains("pageone")).isTrue();
        assertThat(set.contains("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")).isTrue();
        assertThat(set.contains("00000000-0000-0000-0000-000000000000")).isTrue();
        assertThat(set.contains("page-two")).isFalse();
        assertThat(ids.size()).isEqualTo(3);
    }

    @Test
    void setsOverOneTableAreIndependent() {
        IdTable ids = new IdTable();
        IdSet found = new IdSet(ids);
        IdSet failed = new IdSet(ids);
        found.add("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        failed.add("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

        assertThat(found.contains("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")).isFalse();
        assertThat(failed.contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).isFalse();
        assertThat(failed.remove("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")).isTrue();
        assertThat(failed.remove("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")).isFalse();
        assertThat(failed.isEmpty()).isTrue();
        found.clear();
        assertThat(found.contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).isFalse();
        assertThat(found.size()).isZero();
        assertThat(found.add("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).isTrue();
        assertThat(ids.find("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")).isEqualTo(1);
        assertThat(ids.find("cccccccccccccccccccccccccccccccc")).isEqualTo(IdTable.UNKNOWN);
    }

    @Test
    void agreesWithAHashSetOfNormalizedIdsAcrossGrowth() {
        // sequential ids (differing in a few digits) and random ones, well past the first table's 1,024 slots
        Random random = new Random(7);
        IdSet set = new IdSet(new IdTable());
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = i % 2 == 0
                    ? String.format(Locale.ROOT, "1e8f7a3c9b2d4e6f8a0b%012x", i)
                    : String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
            assertThat(set.add(i % 3 == 0 ? id.toUpperCase(Locale.ROOT) : id)).isEqualTo(expected.add(id));
        }
        for (int i = 0; i < 40_000; i++) {
            String id = String.format(Locale.ROOT, "1e8f7a3c9b2d4e6f8a0b%012x", i);
            assertThat(set.contains(id)).as(id).isEqualTo(expected.contains(id));
        }
        assertThat(set.size()).isEqualTo(expected.size());
    }
}
