package dev.patchworkmcp.sidecar.calls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.db.Timestamps;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Texts;
import dev.patchworkmcp.sidecar.masking.SecretMasker;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns the body of {@code POST /api/calls} into a {@link CallBatch}, or refuses the whole batch with a 422 that
 * names the field and the index of the call (e.g. {@code calls[3].latency_ms}). Unknown keys are refused too, so
 * a sender's typo never silently loses data. Text is masked ({@link SecretMasker}) before it leaves here.
 * Stateless and thread-safe.
 */
public final class CallBatchReader {
    /** The most calls one batch may carry (docs/telemetry.md). */
    public static final int MAX_CALLS = 2000;

    static final int MAX_NAME = 200;
    static final int MAX_ERROR_MESSAGE = 1000;
    static final int MAX_VALUES = 16_384;
    static final int MAX_ADVERTISED = 5000;
    static final double MAX_LATENCY_MS = 86_400_000;

    private static final Set<String> BATCH_KEYS =
            Set.of("batch_id", "server_name", "advertised_tools", "dropped_calls", "calls");
    private static final Set<String> CALL_KEYS = Set.of(
            "method",
            "tool",
            "client_name",
            "client_version",
            "session_id",
            "protocol_version",
            "started_at",
            "latency_ms",
            "outcome",
            "error_code",
            "error_message",
            "arguments_bytes",
            "result_bytes",
            "values");
    private static final List<String> OUTCOMES = List.of("ok", "tool_error", "rpc_error");

    private final SecretMasker masker;

    public CallBatchReader(SecretMasker masker) {
        this.masker = masker;
    }

    public CallBatch read(JsonNode body) {
        refuseUnknownKeys(body, BATCH_KEYS, "");
        JsonNode calls = body.get("calls");
        if (calls == null || !calls.isArray() || calls.isEmpty()) {
            throw ApiException.invalid("calls", "calls is required: a non-empty array of call records.");
        }
        if (calls.size() > MAX_CALLS) {
            throw ApiException.invalid(
                    "calls",
                    "calls holds " + calls.size() + " records; a batch may hold at most " + MAX_CALLS
                            + ". Send smaller batches.");
        }
        List<CallRecord> records = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            records.add(call(calls.get(i), "calls[" + i + "]."));
        }
        return new CallBatch(
                requiredText(body, "batch_id", ""),
                masker.mask(requiredText(body, "server_name", "")),
                advertised(body.get("advertised_tools")),
                count(body, "dropped_calls", ""),
                records);
    }

    private CallRecord call(JsonNode call, String prefix) {
        if (call == null || !call.isObject()) {
            throw ApiException.invalid(prefix.substring(0, prefix.length() - 1), "Each call must be a JSON object.");
        }
        refuseUnknownKeys(call, CALL_KEYS, prefix);
        String method = requiredText(call, "method", prefix);
        String tool = optionalText(call, "tool", prefix, MAX_NAME);
        if (method.equals("tools/call") && tool.isEmpty()) {
            throw ApiException.invalid(prefix + "tool", "tool is required when method is tools/call.");
        }
        CallRecord.Outcome outcome = outcome(call, prefix);
        Integer errorCode = errorCode(call, prefix, outcome);
        return new CallRecord(
                method,
                masker.mask(tool),
                masker.mask(optionalText(call, "client_name", prefix, MAX_NAME)),
                masker.mask(optionalText(call, "client_version", prefix, MAX_NAME)),
                optionalText(call, "session_id", prefix, MAX_NAME),
                optionalText(call, "protocol_version", prefix, MAX_NAME),
                startedAt(call, prefix),
                latency(call, prefix),
                outcome,
                errorCode,
                masker.mask(optionalText(call, "error_message", prefix, MAX_ERROR_MESSAGE)),
                count(call, "arguments_bytes", prefix),
                count(call, "result_bytes", prefix),
                values(call.get("values"), prefix));
    }

    private static void refuseUnknownKeys(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.invalid(
                        prefix + Texts.quote(name),
                        "'" + Texts.quote(name) + "' is not a field of " + (prefix.isEmpty() ? "a batch" : "a call")
                                + "; the fields are: "
                                + String.join(", ", known.stream().sorted().toList()) + ".");
            }
        }
    }

    private static String requiredText(JsonNode node, String field, String prefix) {
        String value = optionalText(node, field, prefix, MAX_NAME);
        if (value.isBlank()) {
            throw ApiException.invalid(prefix + field, field + " is required: a non-blank string.");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field, String prefix, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(prefix + field, field + " must be a string, got " + value.getNodeType() + ".");
        }
        if (value.textValue().length() > maxLength) {
            throw ApiException.invalid(
                    prefix + field, field + " is longer than " + maxLength + " characters; shorten it.");
        }
        return value.textValue();
    }

    private static long count(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw ApiException.invalid(prefix + field, field + " must be a whole number of 0 or more.");
        }
        return value.asLong();
    }

    private static CallRecord.Outcome outcome(JsonNode call, String prefix) {
        String value = requiredText(call, "outcome", prefix);
        return switch (value) {
            case "ok" -> CallRecord.Outcome.OK;
            case "tool_error" -> CallRecord.Outcome.TOOL_ERROR;
            case "rpc_error" -> CallRecord.Outcome.RPC_ERROR;
            default -> throw ApiException.notAllowed(prefix + "outcome", value, OUTCOMES);
        };
    }

    private static Integer errorCode(JsonNode call, String prefix, CallRecord.Outcome outcome) {
        JsonNode value = call.get("error_code");
        boolean absent = value == null || value.isNull();
        if (outcome == CallRecord.Outcome.RPC_ERROR && absent) {
            throw ApiException.invalid(
                    prefix + "error_code", "error_code is required when outcome is rpc_error: the JSON-RPC code.");
        }
        if (absent) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.invalid(prefix + "error_code", "error_code must be a JSON-RPC error code (an integer).");
        }
        return value.intValue();
    }

    private static String startedAt(JsonNode call, String prefix) {
        String value = requiredText(call, "started_at", prefix);
        try {
            return Timestamps.format(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(
                    prefix + "started_at",
                    "started_at '" + Texts.quote(value)
                            + "' is not an ISO-8601 time with an offset, e.g. 2026-07-28T12:00:00.123Z.");
        }
    }

    private static double latency(JsonNode call, String prefix) {
        JsonNode value = call.get("latency_ms");
        if (value == null || !value.isNumber() || value.asDouble() < 0 || value.asDouble() > MAX_LATENCY_MS) {
            throw ApiException.invalid(
                    prefix + "latency_ms", "latency_ms is required: a number of milliseconds from 0 to 86400000.");
        }
        return value.asDouble();
    }

    private List<String> advertised(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return null;
        }
        if (!tools.isArray() || tools.size() > MAX_ADVERTISED) {
            throw ApiException.invalid(
                    "advertised_tools", "advertised_tools must be an array of at most " + MAX_ADVERTISED + " names.");
        }
        List<String> names = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            JsonNode name = tools.get(i);
            if (!name.isTextual()
                    || name.textValue().isBlank()
                    || name.textValue().length() > MAX_NAME) {
                throw ApiException.invalid(
                        "advertised_tools[" + i + "]",
                        "Each advertised tool must be a non-blank name of at most " + MAX_NAME + " characters.");
            }
            names.add(masker.mask(name.textValue()));
        }
        return names.stream().distinct().toList();
    }

    private String values(JsonNode values, String prefix) {
        if (values == null || values.isNull()) {
            return null;
        }
        if (!values.isObject()) {
            throw ApiException.invalid(prefix + "values", "values must be an object, e.g. {\"arguments\": {...}}.");
        }
        String text = masker.mask(values).toString();
        if (text.length() > MAX_VALUES) {
            throw ApiException.invalid(
                    prefix + "values", "values is larger than " + MAX_VALUES + " characters; send less or none.");
        }
        return text;
    }
}
