package dev.patchworkmcp.sidecar.drafting.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicChatResponseMetadata;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.patchworkmcp.sidecar.drafting.DraftException;

/**
 * Calls Anthropic or OpenAI through langchain4j with native structured output (a JSON schema response format),
 * and turns every way the call can go wrong (bad key, refusal, truncation, rate limit, timeout) into a
 * {@link DraftException} that says what to do. Thread-safe.
 */
public final class LlmDraftModel implements DraftModel {
    private final LlmSettings settings;
    private final ObjectMapper json;
    private final ChatModel chat;

    /** A model for {@code settings}; its answers are parsed with {@code json}. */
    public LlmDraftModel(LlmSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.chat = switch (settings.provider()) {
            case ANTHROPIC ->
                AnthropicChatModel.builder()
                        .baseUrl(settings.baseUrl())
                        .apiKey(settings.apiKey())
                        .modelName(settings.model())
                        .maxTokens(settings.maxOutputTokens())
                        .timeout(settings.timeout())
                        .maxRetries(1)
                        .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                        .build();
            case OPENAI ->
                OpenAiChatModel.builder()
                        .baseUrl(settings.baseUrl())
                        .apiKey(settings.apiKey())
                        .modelName(settings.model())
                        .maxCompletionTokens(settings.maxOutputTokens())
                        .timeout(settings.timeout())
                        .maxRetries(1)
                        .strictJsonSchema(true)
                        .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                        .build();
        };
    }

    @Override
    public ModelReply propose(DraftPrompt prompt) {
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                .responseFormat(AnswerSchema.responseFormat())
                .build();
        ChatResponse response = call(request);
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (isRefusal(response, text)) {
            throw new DraftException(label() + " refused the request (stop reason: refusal); nothing was written.");
        }
        if (response.finishReason() == FinishReason.LENGTH) {
            throw new DraftException(label() + " stopped at the output limit of " + settings.maxOutputTokens()
                    + " tokens before the answer was complete; the change is too large to draft in one go.");
        }
        TokenUsage usage = response.tokenUsage();
        return new ModelReply(
                AnswerSchema.parse(text, json),
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    }

    private ChatResponse call(ChatRequest request) {
        try {
            return chat.chat(request);
        } catch (AuthenticationException e) {
            throw new DraftException(label() + " rejected the API key (401). Set "
                    + settings.provider().keyVariable() + " or the "
                    + settings.provider().keySetting() + " setting to a valid key.");
        } catch (ContentFilteredException e) {
            throw new DraftException(label() + " refused the request: " + AnswerSchema.clip(e.getMessage()));
        } catch (ModelNotFoundException e) {
            throw new DraftException(label() + " does not know the model '" + settings.model()
                    + "'. Set llm_model to a current model id, or clear it for "
                    + settings.provider().defaultModel()
                    + ".");
        } catch (RateLimitException e) {
            throw new DraftException(label() + " rate-limited the request (429); try again later.");
        } catch (TimeoutException e) {
            throw new DraftException(
                    label() + " did not answer within " + settings.timeout().toSeconds() + " s.");
        } catch (HttpException e) {
            throw new DraftException(
                    label() + " API error " + e.statusCode() + ": " + AnswerSchema.clip(e.getMessage()));
        } catch (LangChain4jException e) {
            throw new DraftException(label() + " call failed: " + AnswerSchema.clip(rootMessage(e)));
        } catch (RuntimeException e) {
            throw new DraftException(
                    label() + " call failed at " + settings.baseUrl() + ": " + AnswerSchema.clip(rootMessage(e)));
        }
    }

    private static boolean isRefusal(ChatResponse response, String text) {
        if (response.metadata() instanceof AnthropicChatResponseMetadata anthropic
                && anthropic.rawHttpResponse() != null) {
            String raw = anthropic.rawHttpResponse().body();
            if (raw != null && raw.matches("(?s).*\"stop_reason\"\\s*:\\s*\"refusal\".*")) {
                return true;
            }
        }
        return response.finishReason() == FinishReason.CONTENT_FILTER
                || (response.finishReason() == FinishReason.OTHER && (text == null || text.isBlank()));
    }

    private String label() {
        return settings.provider().label() + " (" + settings.model() + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
