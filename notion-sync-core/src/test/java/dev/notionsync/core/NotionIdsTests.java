package dev.notionsync.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
}
