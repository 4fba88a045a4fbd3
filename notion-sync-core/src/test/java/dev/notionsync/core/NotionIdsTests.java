package dev.notionsync.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What users paste as a page or database is read down to its id, or refused with a message saying why. */
class NotionIdsTests {

    private static final String ID = "0123abcd-4567-89ef-0123-456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {
        "0123abcd456789ef0123456789abcdef",
        "0123ABCD-4567-89EF-0123-456789ABCDEF",
        "  0123abcd-4567-89ef-0123-456789abcdef\n",
        "https://www.notion.so/Workspace/Some-Page-0123abcd456789ef0123456789abcdef?pvs=4",
        "https://www.notion.so/0123abcd456789ef0123456789abcdef",
        "https://notion.so/Cafe-deadbeef-0123abcd456789ef0123456789abcdef/",
        "https://app.notion.com/p/some-page-0123abcd456789ef0123456789abcdef",
        "https://app.notion.com/p/some-page-0123abcd-4567-89ef-0123-456789abcdef#block",
        "https://team.notion.site/Handbook-0123abcd456789ef0123456789abcdef",
        "https://www.notion.so/Workspace/Board-ffffffffffffffffffffffffffffffff?v=1&p=0123abcd456789ef0123456789abcdef&pm=s"
    })
    void idsAndLinksAreReadDownToTheDashedId(String pasted) {
        assertThat(NotionIds.parse(pasted)).isEqualTo(ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0123abcd456789ef0123456789abcde", "0123abcd456789ef0123456789abcdef0",
        "0123abcd-456789ef-0123-456789abcdef", "zzzzabcd456789ef0123456789abcdef",
        "https://www.notion.so/Workspace/Some-Page", "https://www.notion.so/", "https://www.notion.so/a b"})
    void anythingElseIsRefusedWithWhatWasExpected(String pasted) {
        assertThatIllegalArgumentException().isThrownBy(() -> NotionIds.parse(pasted))
                .withMessageContaining("is not a Notion id or link").withMessageContaining("32 hex digits");
    }

    /** The pattern {@link NotionIds#trailingId} stands for, kept here as written before it was read by hand. */
    private static final Pattern TRAILING_ID = Pattern.compile("(?:^|[^0-9a-fA-F])([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})$");

    @Test
    void theTrailingIdIsTheOneThePatternFinds() {
        String dashed = "0123abcd-4567-89ef-ABCD-0123456789ab";
        String undashed = "0123abcd456789efABCD0123456789ab";
        List<String> segments = new ArrayList<>(List.of("", dashed, undashed, "Page-" + dashed, "Page-" + undashed,
                "a" + dashed, "a" + undashed, "-" + undashed, dashed.substring(1), undashed.substring(1),
                "x" + dashed + "\n", undashed + "\n", undashed + "\r\n", "Title " + undashed + "/", "é" + undashed,
                dashed.replace('-', 'x'), "0" + dashed.substring(1, 35) + "g", dashed + dashed, undashed + undashed));
        Random random = new Random(7);
        String alphabet = "0123456789abcdefABCDEF--xg/ \né";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder segment = new StringBuilder();
            int length = random.nextInt(45);
            for (int j = 0; j < length; j++) {
                segment.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(3) == 0) {
                // splice an id in, so that matches are common
                segment.append(random.nextBoolean() ? dashed : undashed, random.nextInt(8), 32);
            }
            segments.add(segment.toString());
        }
        for (String segment : segments) {
            Matcher matcher = TRAILING_ID.matcher(segment);
            assertThat(NotionIds.trailingId(segment)).as(segment).isEqualTo(matcher.find() ? matcher.group(1) : null);
        }
    }

    @Test
    void linksOutsideNotionAndPeekLinksAreTold() {
        assertThat(NotionIds.target("https://example.com/Page-0123456789abcdef0123456789abcdef")).isEmpty();
        assertThat(NotionIds.target("https://www.NOTION.so/Page-0123456789abcdef0123456789abcdef"))
                .contains(new NotionIds.Target("01234567-89ab-cdef-0123-456789abcdef", null));
        assertThat(NotionIds.target("https://www.notion.so/ws/Board-0123456789abcdef0123456789abcdef"
                + "?p=fedcba9876543210fedcba9876543210&pm=s"))
                .contains(new NotionIds.Target("fedcba98-7654-3210-fedc-ba9876543210", null));
        assertThat(NotionIds.target("/Page-0123456789abcdef0123456789abcdef#aaaaaaaabbbbccccddddeeeeeeeeeeee"))
                .contains(new NotionIds.Target("01234567-89ab-cdef-0123-456789abcdef",
                        "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"));
        assertThat(NotionIds.target("/Page-0123456789abcdef0123456789abcdef?")).isPresent();
    }
}
