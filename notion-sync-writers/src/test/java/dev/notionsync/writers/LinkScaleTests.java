package dev.notionsync.writers;

import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportVerifier;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.Workspace;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of {@link LinkResolutionTests} and {@link DeterministicTreeTests} on a workspace of 1,000 linking pages
 * and more: links resolved and dangling at concurrency 1 and 8, and how many files two fresh exports differ in. Off
 * in normal builds (minutes, not seconds); run with
 * {@code mvn -B -o -pl notion-sync-writers -am test -Dtest=LinkScaleTests -Dsurefire.failIfNoSpecifiedTests=false
 * -Dnotionsync.scale=1000}.
 */
@EnabledIfSystemProperty(named = "notionsync.scale", matches = "[0-9]+")
class LinkScaleTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 22, 33})
    void linksResolveAndTwoFreshExportsAreTheSame(long seed) {
        int pages = Integer.getInteger("notionsync.scale");
        ExportEvent.Summary one;
        ExportEvent.Summary eight;
        ExportLinks linksOne;
        ExportLinks linksEight;
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generateWithLinks(seed, pages))) {
            one = DeterministicTreeTests.run(server, dir.resolve("c1"), 1);
            linksOne = ExportLinks.of(dir.resolve("c1"));
        }
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generateWithLinks(seed, pages))) {
            eight = DeterministicTreeTests.run(server, dir.resolve("c8"), 8);
            linksEight = ExportLinks.of(dir.resolve("c8"));
        }
        Map<String, String> a = DeterministicTreeTests.tree(dir.resolve("c1"));
        Map<String, String> b = DeterministicTreeTests.tree(dir.resolve("c8"));
        long differing = Stream.concat(a.keySet().stream(), b.keySet().stream()).distinct()
                .filter(path -> !a.getOrDefault(path, "").equals(b.getOrDefault(path, ""))).count();
        // verify: every recorded file there, no dangling local link, every #<block id> lands on an anchor
        int problems = ExportVerifier.of(dir.resolve("c1")).verify().problems().size()
                + ExportVerifier.of(dir.resolve("c8")).verify().problems().size();
        System.out.printf("scale %d pages, seed %d: concurrency 1: %s, %d objects, files written %d; concurrency 8: %s,"
                + " %d objects, files written %d; fresh exports: %d files, %d differ; verify problems %d%n", pages,
                seed, linksOne,
                one.pages() + one.databases(), one.files(), linksEight, eight.pages() + eight.databases(), eight.files(), a.size(), differing, problems);
        assertThat(linksOne.dangling()).isEmpty();
        assertThat(linksEight.dangling()).isEmpty();
        assertThat(linksOne.notionToExported()).isEmpty();
        assertThat(linksEight.notionToExported()).isEmpty();
        assertThat(differing).isZero();
        assertThat(problems).isZero();
    }
}
