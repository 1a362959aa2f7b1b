package dev.patchworkmcp.sidecar.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.github.FakeGitHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A secret in a report or a reviewer's note never reaches the LLM: both are masked when they arrive. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MaskedPromptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPENAI = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    private static final String AWS = "AKIAIOSFODNN7EXAMPLE";

    @TempDir
    Path dir;

    private FakeGitHub github;
    private FakeLlm anthropic;
    private Sidecar sidecar;

    @BeforeEach
    void start() throws Exception {
        github = FakeGitHub.start("octo/weather-mcp", Fixtures.repository());
        anthropic = FakeLlm.anthropic();
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("feedback.db"))
                .withDrafting(new DraftingConfig(new DraftEndpoints(github.baseUrl(), anthropic.baseUrl(), ""), "")));
        send(
                "PUT",
                "/api/settings",
                "{\"github_repo\":\"octo/weather-mcp\",\"github_token\":\"ghp_e2e_token\","
                        + "\"llm_provider\":\"anthropic\",\"anthropic_api_key\":\"sk-ant-e2e-key\"}");
    }

    @AfterEach
    void stop() {
        if (sidecar != null) {
            sidecar.stop();
        }
        anthropic.close();
        github.close();
    }

    @Test
    void thePromptSentToTheModelCarriesMaskedText() throws Exception {
        String id = JSON.readTree(send(
                        "POST",
                        "/api/feedback",
                        "{\"server_name\":\"weather-mcp\",\"what_i_needed\":\"A forecast; my key is " + OPENAI
                                + "\",\"what_i_tried\":\"get_current_weather\",\"gap_type\":\"missing_tool\"}"))
                .path("id")
                .asText();
        send("POST", "/api/feedback/" + id + "/notes", "{\"content\":\"the AWS key " + AWS + " must not leak\"}");
        anthropic.answer(Answers.answer()
                .replace("src/weather_mcp/server.py", "mcp.run()", "mcp.run()  # forecast next")
                .json());

        SseClient.post("http://127.0.0.1:" + sidecar.port() + "/api/feedback/" + id + "/draft-pr");
        String prompts = anthropic.requests().stream()
                .map(FakeLlm.Request::body)
                .map(JsonNode::toString)
                .reduce("", String::concat);

        assertThat(anthropic.requests()).isNotEmpty();
        assertThat(prompts)
                .doesNotContain(OPENAI, AWS)
                .contains("[REDACTED:openai-api-key]", "[REDACTED:aws-access-key]");
    }

    private String send(String method, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + " " + response.body())
                .isBetween(200, 299);
        return response.body();
    }
}
