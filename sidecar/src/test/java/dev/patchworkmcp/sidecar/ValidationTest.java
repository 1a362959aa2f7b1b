package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.Api.Reply;
import org.junit.jupiter.api.Test;

class ValidationTest extends ApiTestBase {

    @Test
    void rejectsUnknownGapTypeWithTheAllowedValues() {
        Reply reply = api.post(
                "/api/feedback", Reports.minimal("x").put("gap_type", "<img>").toString());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("field").asText()).isEqualTo("gap_type");
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid_enum");
        assertThat(reply.json().get("allowed").toString()).contains("missing_tool", "wrong_format");
    }

    @Test
    void rejectsBlankRequiredFields() {
        Reply reply = api.post("/api/feedback", Reports.minimal("   ").toString());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("field").asText()).isEqualTo("what_i_needed");
    }

    @Test
    void rejectsBodiesOverTheLimitWith413() {
        String huge = "x".repeat(1024 * 1024 + 10);

        Reply reply = api.post("/api/feedback", Reports.minimal(huge).toString());

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("code").asText()).isEqualTo("body_too_large");
    }

    @Test
    void rejectsNonJsonContentType() {
        Reply reply = api.raw(
                "POST",
                "/api/feedback",
                "text/plain",
                Reports.minimal("x").toString().getBytes());

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().get("detail").asText()).contains("application/json");
    }

    @Test
    void rejectsMalformedJsonWith400() {
        Reply reply = api.post("/api/feedback", "{\"what_i_needed\": ");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("malformed_json");
    }
}
