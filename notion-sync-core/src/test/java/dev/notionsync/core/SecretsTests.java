package dev.notionsync.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTests {

    @Test
    void tokenShapedStringsAndBearerCredentialsAreRedacted() {
        String text = "token secret_" + "a".repeat(43) + " and ntn_" + "B1".repeat(12)
                + " sent as Authorization: Bearer xyz.abc-123, then bearer\tother";

        assertThat(Secrets.redact(text)).isEqualTo("token <redacted> and <redacted> sent as Authorization: "
                + "Bearer <redacted>, then bearer <redacted>");
    }

    @Test
    void theTokenInUseIsRedactedWhateverItsShape() {
        assertThat(Secrets.redact("refused secret_fake_token here", "secret_fake_token"))
                .isEqualTo("refused <redacted> here");
        // too short to be a token: redacting it would garble ordinary words
        assertThat(Secrets.redact("a test text", "t")).isEqualTo("a test text");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        assertThat(Secrets.redact("GET /v1/pages/{id} answered 404 object_not_found: secret_ plans"))
                .isEqualTo("GET /v1/pages/{id} answered 404 object_not_found: secret_ plans");
        assertThat(Secrets.redact(null)).isNull();
    }

    @Test
    void errorMessagesFromTheServerAreRedactedWithTheClientsToken() {
        NotionClientOptions options = NotionClientOptions.builder().token("my-own-token-value").build();
        var body = Json.object().put("object", "error").put("status", 400).put("code", "validation_error")
                .put("message", "header Authorization: Bearer my-own-token-value refused");

        NotionException error = ErrorMapper.fromResponse(400, null, body, "GET /v1/users/me", null, options);

        assertThat(error.getMessage()).doesNotContain("my-own-token-value").contains("Bearer <redacted> refused");
    }
}
