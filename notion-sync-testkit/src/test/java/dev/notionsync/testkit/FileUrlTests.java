package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileUrlTests {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private MutableClock clock;
    private Workspace workspace;
    private FakeNotionServer server;
    private Api api;

    @BeforeEach
    void start() {
        clock = new MutableClock(START);
        workspace = Workspace.generate(WorkspaceSpec.small());
        server = FakeNotionServer.start(workspace, FakeServerOptions.builder().clock(clock).build());
        api = new Api(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode imageBlock() {
        String page = workspace.pageIds().filter(id -> workspace.title(id).equals("Coverage: media and embeds"))
                .findFirst().orElseThrow();
        String block = workspace.children(page).stream().filter(b -> b.at("/image/type").asText().equals("file"))
                .findFirst().orElseThrow().get("id").asText();
        return api.getJson("/v1/blocks/" + block);
    }

    private static String fileId(String url) {
        return url.split("/files/")[1].split("/")[0];
    }

    @Test
    void hostedFileUrlsAreSignedAndServeTheWorkspaceBytes() {
        JsonNode file = imageBlock().at("/image/file");
        String url = file.get("url").asText();
        assertTrue(url.startsWith(server.baseUrl() + "/files/"), url);
        assertTrue(url.contains("X-Amz-Expires=3600") && url.contains("X-Amz-Date=20260101T000000Z")
                && url.contains("X-Amz-Signature="), url);
        assertEquals("2026-01-01T01:00:00.000Z", file.get("expiry_time").asText());
        long requests = server.requestCount();
        Api.Response download = Api.download(url);
        assertEquals(200, download.status());
        assertEquals("image/png", download.header("content-type"));
        assertEquals(String.valueOf(download.body().length), download.header("content-length"));
        assertArrayEquals(workspace.fileBytes(fileId(url)), download.body());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(download.body(), 4));
        assertEquals(requests, server.requestCount(), "downloads are not API requests");
        assertEquals(1, server.downloadCount());
    }

    @Test
    void urlsExpireAfterTheTtlAndRefetchingGivesAFreshOne() {
        String url = imageBlock().at("/image/file/url").asText();
        clock.advance(Duration.ofMinutes(59));
        assertEquals(200, Api.download(url).status());
        clock.advance(Duration.ofMinutes(1));
        Api.Response expired = Api.download(url);
        assertEquals(403, expired.status());
        assertTrue(expired.text().contains("<Code>AccessDenied</Code>"), expired.text());
        assertTrue(expired.text().contains("Request has expired"), expired.text());
        String fresh = imageBlock().at("/image/file/url").asText();
        assertNotEquals(url, fresh);
        assertEquals(200, Api.download(fresh).status());
    }

    @Test
    void expireFileUrlsIssuedBeforeRevokesOlderUrls() {
        String old = imageBlock().at("/image/file/url").asText();
        clock.advance(Duration.ofSeconds(5));
        server.faults().expireFileUrlsIssuedBefore(clock.instant());
        assertEquals(403, Api.download(old).status());
        assertEquals(200, Api.download(imageBlock().at("/image/file/url").asText()).status());
    }

    @Test
    void tamperedOrUnsignedUrlsAreRefused() {
        String url = imageBlock().at("/image/file/url").asText();
        String tampered = url.replaceAll("X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=" + "0".repeat(64));
        Api.Response response = Api.download(tampered);
        assertEquals(403, response.status());
        assertTrue(response.text().contains("SignatureDoesNotMatch"));
        assertEquals(403, Api.download(url.substring(0, url.indexOf('?'))).status());
    }

    @Test
    void someFilesShareTheirBytesUnderDifferentIds() {
        Map<String, List<String>> byContent = workspace.fileIds().collect(Collectors.groupingBy(
                id -> Arrays.toString(workspace.fileBytes(id))));
        assertTrue(byContent.values().stream().anyMatch(ids -> ids.size() >= 2));
        assertTrue(byContent.size() > 5);
    }

    @Test
    void filesPropertiesCoversAndCommentAttachmentsAreHostedToo() {
        String root = workspace.pageIds().filter(id -> workspace.page(id).orElseThrow().at("/cover/type").asText()
                .equals("file")).findFirst().orElseThrow();
        String coverUrl = api.getJson("/v1/pages/" + root).at("/cover/file/url").asText();
        assertEquals(200, Api.download(coverUrl).status());
        JsonNode comments = api.getJson("/v1/comments?block_id=" + root);
        assertEquals("comment", comments.get("type").asText());
        String commented = workspace.pageIds().filter(id -> workspace.comments(id).stream()
                .anyMatch(c -> c.get("attachments").size() > 0)).findFirst().orElseThrow();
        for (JsonNode comment : api.getJson("/v1/comments?block_id=" + commented).get("results")) {
            for (JsonNode attachment : comment.get("attachments")) {
                assertEquals(200, Api.download(attachment.at("/file/url").asText()).status());
            }
        }
        assertTrue(server.downloadCount() >= 2);
    }
}
