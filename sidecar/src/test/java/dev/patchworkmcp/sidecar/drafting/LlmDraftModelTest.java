package dev.patchworkmcp.sidecar.drafting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.drafting.context.DraftContext;
import dev.patchworkmcp.sidecar.drafting.model.DraftPrompt;
import dev.patchworkmcp.sidecar.drafting.model.LlmDraftModel;
import dev.patchworkmcp.sidecar.drafting.model.LlmProvider;
import dev.patchworkmcp.sidecar.drafting.model.LlmSettings;
import dev.patchworkmcp.sidecar.drafting.model.ModelReply;
import dev.patchworkmcp.sidecar.drafting.repository.RepoSnapshot;
import dev.patchworkmcp.sidecar.http.Json;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlmDraftModelTest {
    private static final String ANSWER = Answers.answer()
            .create("src/weather_mcp/forecast.py", "def forecast(): ...\n")
            .json();

    private static DraftPrompt prompt() {
        RepoSnapshot snapshot = new RepoSnapshot("main", "abc", List.of(), false, false);
        return DraftPrompt.of(Fixtures.subject(), new DraftContext(snapshot, List.of(), List.of(), 0));
    }

    private static LlmDraftModel model(LlmProvider provider, FakeLlm fake) {
        return new LlmDraftModel(
                new LlmSettings(
                        provider,
                        provider.defaultModel(),
                        "sk-test-1234",
                        fake.baseUrl(),
                        LlmSettings.DEFAULT_TIMEOUT,
                        16_000),
                Json.MAPPER);
    }

    @Test
    void asksAnthropicForStructuredOutputWithTheDraftSchema() throws Exception {
        try (FakeLlm fake = FakeLlm.anthropic().answer(ANSWER)) {
            ModelReply reply = model(LlmProvider.ANTHROPIC, fake).propose(prompt());

            FakeLlm.Request request = fake.requests().getFirst();
            assertThat(request.headers()).containsEntry("x-api-key", "sk-test-1234");
            assertThat(request.headers()).containsEntry("anthropic-version", "2023-06-01");
            assertThat(request.body().path("model").asText()).isEqualTo("claude-sonnet-4-5");
            assertThat(request.body().path("max_tokens").asInt()).isEqualTo(16_000);
            JsonNode format = request.body().path("output_config").path("format");
            assertThat(format.path("type").asText()).isEqualTo("json_schema");
            assertSchema(format.path("schema"));
            assertThat(request.body().path("system").toString()).contains("DATA");
            assertThat(reply.answer().edits()).hasSize(1);
            assertThat(reply.inputTokens()).isEqualTo(1234);
            assertThat(reply.outputTokens()).isEqualTo(321);
        }
    }

    @Test
    void asksOpenAiForAStrictJsonSchemaResponseFormat() throws Exception {
        try (FakeLlm fake = FakeLlm.openai().answer(ANSWER)) {
            ModelReply reply = model(LlmProvider.OPENAI, fake).propose(prompt());

            FakeLlm.Request request = fake.requests().getFirst();
            assertThat(request.headers()).containsEntry("Authorization", "Bearer sk-test-1234");
            assertThat(request.body().path("model").asText()).isEqualTo("gpt-5.1");
            assertThat(request.body().has("max_tokens")).isFalse();
            assertThat(request.body().path("max_completion_tokens").asInt()).isEqualTo(16_000);
            JsonNode format = request.body().path("response_format");
            assertThat(format.path("type").asText()).isEqualTo("json_schema");
            assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
            assertThat(format.path("json_schema").path("name").asText()).isEqualTo("draft_pull_request");
            assertSchema(format.path("json_schema").path("schema"));
            assertThat(reply.answer().commitMessage()).isEqualTo("Add get_forecast tool");
        }
    }

    private static void assertSchema(JsonNode schema) {
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("required").toString())
                .contains("edits", "commit_message", "pr_title", "pr_body", "confidence", "rationale");
        JsonNode edit = schema.path("properties").path("edits").path("items");
        assertThat(edit.path("properties").path("action").path("enum").toString())
                .contains("create", "replace", "delete");
        assertThat(edit.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void reportsAnAnthropicRefusal() throws Exception {
        try (FakeLlm fake = FakeLlm.anthropic().refuse()) {
            assertThatThrownBy(() -> model(LlmProvider.ANTHROPIC, fake).propose(prompt()))
                    .isInstanceOf(DraftException.class)
                    .hasMessageContaining("refused");
        }
    }

    @Test
    void reportsAnOpenAiRefusal() throws Exception {
        try (FakeLlm fake = FakeLlm.openai().refuse()) {
            assertThatThrownBy(() -> model(LlmProvider.OPENAI, fake).propose(prompt()))
                    .isInstanceOf(DraftException.class)
                    .hasMessageContaining("refused");
        }
    }

    @Test
    void reportsATruncatedAnthropicAnswer() throws Exception {
        try (FakeLlm fake = FakeLlm.anthropic().truncate()) {
            assertThatThrownBy(() -> model(LlmProvider.ANTHROPIC, fake).propose(prompt()))
                    .isInstanceOf(DraftException.class)
                    .hasMessageContaining("output limit of 16000 tokens");
        }
    }

    @Test
    void reportsATruncatedOpenAiAnswer() throws Exception {
        try (FakeLlm fake = FakeLlm.openai().truncate()) {
            assertThatThrownBy(() -> model(LlmProvider.OPENAI, fake).propose(prompt()))
                    .isInstanceOf(DraftException.class)
                    .hasMessageContaining("output limit");
        }
    }

    @Test
    void namesTheKeyToFixWhenAnthropicRejectsIt() throws Exception {
        try (FakeLlm fake = FakeLlm.anthropic().rejectKey()) {
            assertThatThrownBy(() -> model(LlmProvider.ANTHROPIC, fake).propose(prompt()))
                    .isInstanceOf(DraftException.class)
                    .hasMessageContaining("ANTHROPIC_API_KEY")
                    .hasMessageNotContaining("sk-test-1234");
        }
    }

    @Test
    void namesTheKeyToFixWhenOpenAiRejectsIt() throws Exception {
        try (FakeLlm fake = FakeLlm.openai().rejectKey()) {
            assertThatThrownBy(() -> model(LlmProvider.OPENAI, fake).propose(prompt()))
                    .isInstanceOf(DraftException.class)
                    .hasMessageContaining("OPENAI_API_KEY")
                    .hasMessageNotContaining("sk-test-1234");
        }
    }

    @Test
    void failsClearlyWhenTheAnswerIsNotJson() throws Exception {
        try (FakeLlm fake = FakeLlm.anthropic().answer("Sure! Here is my plan: ...")) {
            assertThatThrownBy(() -> model(LlmProvider.ANTHROPIC, fake).propose(prompt()))
                    .isInstanceOf(DraftException.class)
                    .hasMessageContaining("not JSON")
                    .hasMessageContaining("Sure! Here is my plan");
        }
    }
}
