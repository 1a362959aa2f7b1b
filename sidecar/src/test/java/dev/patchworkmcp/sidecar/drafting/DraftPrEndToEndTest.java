package dev.patchworkmcp.sidecar.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.github.FakeGitHub;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow through a real sidecar (port 0, SQLite in a temp dir): settings through the API, a report and
 * a note, {@code draft-pr} read as an event stream, the pull request in the fake GitHub, the draft history.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DraftPrEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private FakeGitHub github;
    private FakeLlm anthropic;
    private Sidecar sidecar;

    @BeforeEach
    void start() throws Exception {
        github = FakeGitHub.start(
                "octo/weather-mcp", Fixtures.repository(), Map.of("docs/home", "/home/dev", "vendored", "/etc"));
        anthropic = FakeLlm.anthropic();
        sidecar = Sidecar.start(config(""));
        send(
                "PUT",
                "/api/settings",
                JSON.createObjectNode()
                        .put("github_repo", "octo/weather-mcp")
                        .put("github_token", "ghp_e2e_token")
                        .put("llm_provider", "anthropic")
                        .put("anthropic_api_key", "sk-ant-e2e-key"));
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
    void draftsAPullRequestFromAReportAndItsNotesAndRecordsIt() throws Exception {
        String id = report();
        send("POST", "/api/feedback/" + id + "/notes", JSON.createObjectNode().put("content", "Keep it in server.py."));
        anthropic.answer(Answers.answer()
                .replace("src/weather_mcp/server.py", "mcp.run()", "mcp.run()  # forecast next")
                .create("src/weather_mcp/forecast.py", "def forecast():\n    return []\n")
                .json());

        SseClient.Answer answer = SseClient.post(url("/api/feedback/" + id + "/draft-pr"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/event-stream");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(answer.header("X-Accel-Buffering")).isEqualTo("no");
        assertThat(answer.names()).contains("step", "detail").endsWith("done");
        JsonNode done = JSON.readTree(answer.last().data());
        assertThat(done.path("pr_url").asText()).isEqualTo("https://github.test/octo/weather-mcp/pull/1");
        FakeGitHub.Pull pull = github.pulls().getFirst();
        assertThat(pull.draft()).isTrue();
        assertThat(pull.head()).isEqualTo(done.path("branch").asText());
        assertThat(pull.body()).contains(id).contains("Keep it in server.py.").contains("agent-supplied text");
        assertThat(github.filesOf(pull.head())).containsKey("src/weather_mcp/forecast.py");
        JsonNode drafts = get("/api/feedback/" + id + "/drafts");
        assertThat(drafts.toString())
                .contains("succeeded")
                .contains(done.path("branch").asText());
        assertThat(drafts.toString()).contains("claude-sonnet-4-5").contains("1234");
        assertThat(get("/api/feedback/" + id).path("pr_url").asText())
                .isEqualTo(done.path("pr_url").asText());
    }

    @Test
    void refusesASecondDraftWithoutForceAndKeepsBothDraftsWithIt() throws Exception {
        String id = report();
        anthropic.answer(
                Answers.answer().create("src/weather_mcp/a.py", "a = 1\n").json());
        anthropic.answer(
                Answers.answer().create("src/weather_mcp/b.py", "b = 1\n").json());
        SseClient.post(url("/api/feedback/" + id + "/draft-pr"));

        SseClient.Answer again = SseClient.post(url("/api/feedback/" + id + "/draft-pr"));
        SseClient.Answer forced = SseClient.post(url("/api/feedback/" + id + "/draft-pr?force=true"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("code").asText()).isEqualTo("already_drafted");
        assertThat(forced.names()).endsWith("done");
        assertThat(github.pulls()).hasSize(2);
        assertThat(github.pulls().get(1).body()).contains("https://github.test/octo/weather-mcp/pull/1");
        assertThat(get("/api/feedback/" + id + "/drafts").size()).isEqualTo(2);
    }

    @Test
    void refusesAConcurrentSecondDraftOfTheSameReport() throws Exception {
        String id = report();
        CountDownLatch release = new CountDownLatch(1);
        anthropic.holdUntil(release);
        anthropic.answer(
                Answers.answer().create("src/weather_mcp/a.py", "a = 1\n").json());
        CompletableFuture<SseClient.Answer> first = CompletableFuture.supplyAsync(() -> {
            try {
                return SseClient.post(url("/api/feedback/" + id + "/draft-pr"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(anthropic.awaitCall(60)).isTrue();

        SseClient.Answer second = SseClient.post(url("/api/feedback/" + id + "/draft-pr?force=true"));
        release.countDown();

        assertThat(second.status()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).path("code").asText()).isEqualTo("draft_running");
        assertThat(first.get(60, TimeUnit.SECONDS).names()).endsWith("done");
        assertThat(github.pulls()).hasSize(1);
    }

    @Test
    void streamsProgressWhileTheModelIsStillThinking() throws Exception {
        String id = report();
        CountDownLatch release = new CountDownLatch(1);
        anthropic.holdUntil(release);
        anthropic.answer(
                Answers.answer().create("src/weather_mcp/a.py", "a = 1\n").json());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/feedback/" + id + "/draft-pr")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();

        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        int answeredWhenTheStepArrived;
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && !line.contains("with structured output")) {
                before.add(line);
            }
            answeredWhenTheStepArrived = anthropic.answered();
            release.countDown();
            while ((line = reader.readLine()) != null) {
                after.add(line);
            }
        }

        assertThat(answeredWhenTheStepArrived).isZero();
        assertThat(before).contains("event:step").anyMatch(l -> l.contains("Fetching file tree"));
        assertThat(after).contains("event:done");
    }

    @Test
    void answers404ForAnUnknownReport() throws Exception {
        SseClient.Answer answer = SseClient.post(url("/api/feedback/no-such-report/draft-pr"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void answers400NamingWhatIsMissing() throws Exception {
        String id = report();
        send(
                "PUT",
                "/api/settings",
                JSON.createObjectNode().put("github_token", "").put("anthropic_api_key", ""));

        SseClient.Answer answer = SseClient.post(url("/api/feedback/" + id + "/draft-pr"));

        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("field").asText()).isEqualTo("github_token");
        assertThat(error.path("detail").asText()).contains("github_token").contains("anthropic_api_key");
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void streamsTheErrorRecordsTheFailureAndDeletesTheBranch() throws Exception {
        String id = report();
        anthropic.answer(
                Answers.answer().create("src/weather_mcp/a.py", "a = 1\n").json());
        github.failNext("POST", "/pulls", 422, Map.of(), "Draft pull requests are not supported in this repository.");

        SseClient.Answer answer = SseClient.post(url("/api/feedback/" + id + "/draft-pr"));

        assertThat(answer.names()).endsWith("error");
        assertThat(answer.last().data()).contains("does not allow draft pull requests");
        assertThat(github.branches()).containsOnlyKeys("main");
        JsonNode drafts = get("/api/feedback/" + id + "/drafts");
        assertThat(drafts.toString()).contains("failed").contains("does not allow draft pull requests");
    }

    @Test
    void streamsARefusalOfAnInjectedChangeWithoutWritingAnything() throws Exception {
        String id = report();
        anthropic.answer(Answers.answer()
                .create(".github/workflows/pwn.yml", "on: push\n")
                .json());

        SseClient.Answer answer = SseClient.post(url("/api/feedback/" + id + "/draft-pr"));

        assertThat(answer.names()).endsWith("error");
        assertThat(answer.last().data()).contains(".github/");
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void refusesWritingOverOrBelowASymlinkOrAFileWithAGuardrailMessage() throws Exception {
        String id = report();
        anthropic.answer(Answers.answer()
                .create("docs/home", "/tmp/elsewhere")
                .create("vendored/escape.py", "x = 1\n")
                .create("README.md/inner.md", "x\n")
                .json());

        SseClient.Answer answer = SseClient.post(url("/api/feedback/" + id + "/draft-pr"));

        assertThat(answer.names()).endsWith("error");
        assertThat(answer.last().data())
                .contains("'docs/home' is a symbolic link")
                .contains("is under 'vendored', which is a symbolic link")
                .contains("is under 'README.md', which is a file")
                .doesNotContain("incident");
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void draftsIntoTheLocalRepositoryNamedByFeedbackRepoPath() throws Exception {
        Path repo = dir.resolve("working-copy");
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(repo.resolve("src/weather_mcp"));
            Files.writeString(repo.resolve("src/weather_mcp/server.py"), Fixtures.SERVER_PY);
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("initial")
                    .setAuthor("Dev", "dev@example.com")
                    .setSign(false)
                    .call();
        }
        sidecar.stop();
        sidecar = Sidecar.start(config(repo.toString()));
        send(
                "PUT",
                "/api/settings",
                JSON.createObjectNode().put("github_token", "").put("github_repo", ""));
        String id = report();
        anthropic.answer(Answers.answer()
                .create("src/weather_mcp/forecast.py", "def forecast(): ...\n")
                .json());

        SseClient.Answer answer = SseClient.post(url("/api/feedback/" + id + "/draft-pr"));

        assertThat(answer.names()).endsWith("done");
        JsonNode done = JSON.readTree(answer.last().data());
        assertThat(done.has("pr_url")).isFalse();
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.getRepository()
                            .exactRef("refs/heads/" + done.path("branch").asText())
                            .getObjectId()
                            .name())
                    .isEqualTo(done.path("commit").asText());
        }
        assertThat(github.requests()).isEmpty();
        assertThat(get("/api/feedback/" + id + "/drafts").toString()).contains("succeeded");
    }

    @Test
    void thePromptSentToTheModelCarriesMaskedText() throws Exception {
        String openAiKey = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
        String awsKey = "AKIAIOSFODNN7EXAMPLE";
        ObjectNode report = JSON.createObjectNode()
                .put("server_name", "weather-mcp")
                .put("what_i_needed", "A forecast; my key is " + openAiKey)
                .put("what_i_tried", "get_current_weather")
                .put("gap_type", "missing_tool");
        String id = send("POST", "/api/feedback", report).path("id").asText();
        send(
                "POST",
                "/api/feedback/" + id + "/notes",
                JSON.createObjectNode().put("content", "the AWS key " + awsKey + " must not leak"));
        anthropic.answer(Answers.answer()
                .replace("src/weather_mcp/server.py", "mcp.run()", "mcp.run()  # forecast next")
                .json());

        SseClient.post(url("/api/feedback/" + id + "/draft-pr"));
        String prompts = anthropic.requests().stream()
                .map(request -> request.body().toString())
                .reduce("", String::concat);

        assertThat(anthropic.requests()).isNotEmpty();
        assertThat(prompts)
                .doesNotContain(openAiKey, awsKey)
                .contains("[REDACTED:openai-api-key]", "[REDACTED:aws-access-key]");
    }

    /** The services point at the loopback fakes, as GITHUB_API_URL and ANTHROPIC_BASE_URL would. */
    private SidecarConfig config(String repoPath) {
        return SidecarConfig.forTests(dir.resolve("feedback.db"))
                .withDrafting(
                        new DraftingConfig(new DraftEndpoints(github.baseUrl(), anthropic.baseUrl(), ""), repoPath));
    }

    private String report() throws Exception {
        ObjectNode report = JSON.createObjectNode()
                .put("server_name", "weather-mcp")
                .put("what_i_needed", "A 5-day forecast for a city")
                .put("what_i_tried", "Called get_current_weather once per day")
                .put("gap_type", "missing_tool")
                .put("suggestion", "Add get_forecast(city, days)");
        return send("POST", "/api/feedback", report).path("id").asText();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + sidecar.port() + path;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode send(String method, String path, JsonNode body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + " " + response.body())
                .isBetween(200, 299);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
