package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.Api.Reply;
import org.junit.jupiter.api.Test;

class SidecarHealthTest extends ApiTestBase {

    @Test
    void answersHealthOnAnEphemeralLoopbackPort() {
        Reply reply = api.get("/api/health");

        assertThat(sidecar.port()).isPositive();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void servesTheDashboardWithAStrictContentSecurityPolicy() {
        Reply reply = api.get("/");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("PatchworkMCP");
        assertThat(reply.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void answersUnknownApiPathsWithJson404() {
        Reply reply = api.get("/api/nothing-here");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("code").asText()).isEqualTo("not_found");
    }
}
