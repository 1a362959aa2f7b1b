package dev.patchworkmcp.proxy.calls;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes a {@link CallBatch} in the sidecar's batch format (docs/telemetry.md), streaming. */
final class CallBatchJson {

    /** The sidecar's limit on a call's {@code values}, serialised. */
    static final int MAX_VALUES_CHARS = 16 * 1024;

    static final String NO_NAME = "(no name)";

    private static final JsonFactory FACTORY = new JsonFactory();

    private CallBatchJson() {}

    /** @param values whether to send each call's arguments (from its request text) as {@code values} */
    static String write(CallBatch batch, boolean values) {
        StringWriter out = new StringWriter(256 + batch.calls().size() * 256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("batch_id", batch.batchId());
            json.writeStringField("server_name", batch.serverName());
            if (batch.advertisedTools() != null) {
                json.writeArrayFieldStart("advertised_tools");
                for (String tool : batch.advertisedTools()) {
                    json.writeString(tool);
                }
                json.writeEndArray();
            }
            json.writeNumberField("dropped_calls", batch.droppedCalls());
            json.writeArrayFieldStart("calls");
            for (CallRecord call : batch.calls()) {
                writeCall(json, call, values);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeCall(JsonGenerator json, CallRecord call, boolean values) throws IOException {
        json.writeStartObject();
        json.writeStringField("method", call.method());
        optional(json, "tool", toolName(call));
        optional(json, "client_name", clip(call.client().name()));
        optional(json, "client_version", clip(call.client().version()));
        optional(json, "session_id", clip(call.sessionId()));
        optional(json, "protocol_version", clip(call.client().protocolVersion()));
        json.writeStringField("started_at", call.startedAt().toString());
        json.writeNumberField("latency_ms", call.latencyMicros() / 1000.0);
        json.writeStringField("outcome", call.outcome().wire());
        if (call.outcome() == CallRecord.Outcome.RPC_ERROR) {
            json.writeNumberField("error_code", call.errorCode());
        }
        optional(json, "error_message", call.errorMessage());
        json.writeNumberField("arguments_bytes", call.argumentsBytes());
        json.writeNumberField("result_bytes", call.resultBytes());
        String arguments = values && call.requestText() != null ? arguments(call.requestText()) : null;
        if (arguments != null && arguments.length() + 16 <= MAX_VALUES_CHARS) {
            json.writeFieldName("values");
            json.writeRawValue("{\"arguments\":" + arguments + "}");
        }
        json.writeEndObject();
    }

    /** The JSON text of {@code params.arguments} of a request, or null. */
    static String arguments(String request) {
        try (JsonParser parser = FACTORY.createParser(request)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("params") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String member = parser.currentName();
                        JsonToken token = parser.nextToken();
                        if (member.equals("arguments") && token == JsonToken.START_OBJECT) {
                            int start = (int) parser.currentTokenLocation().getCharOffset();
                            parser.skipChildren();
                            int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                            return request.substring(start, end);
                        }
                        parser.skipChildren();
                    }
                    return null;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /**
     * The tool's name, clipped to the sidecar's limit; a {@code tools/call} without a string name (which the server
     * refuses) still needs one in the batch format, so it is sent as {@value #NO_NAME}.
     */
    private static String toolName(CallRecord call) {
        if (call.tool() == null || call.tool().isBlank()) {
            return "tools/call".equals(call.method()) ? NO_NAME : null;
        }
        return clip(call.tool());
    }

    private static void optional(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    /** The sidecar's limit for names and ids: 200 characters. */
    private static String clip(String value) {
        return value == null || value.length() <= 200 ? value : value.substring(0, 200);
    }
}
