package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the few members of a JSON-RPC message the relay routes on ({@code id}, {@code method}, a handful of
 * {@code params} and {@code result} members) with Jackson's streaming parser, skipping everything else, so
 * relayed messages are never turned into trees. Stateless and thread-safe.
 */
public final class JsonRpcPeek {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonRpcPeek() {}

    /** Summarises one JSON-RPC message (not a batch); anything unreadable is {@link MessageSummary.Kind#OTHER}. */
    public static MessageSummary of(String message) {
        try (JsonParser parser = FACTORY.createParser(message)) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            return MessageSummary.other();
        }
    }

    /** Whether the text is a JSON array, i.e. a JSON-RPC batch. */
    public static boolean isBatch(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '[';
            }
        }
        return false;
    }

    /** Splits a batch into the JSON text of its elements, each as received. */
    public static List<String> elements(String batch) {
        List<String> elements = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(batch)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return List.of(batch);
            }
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                int end = token.isStructStart()
                        ? (int) parser.currentTokenLocation().getCharOffset() + 1
                        : (int) parser.currentLocation().getCharOffset();
                elements.add(batch.substring(start, end));
            }
            return elements;
        } catch (IOException | RuntimeException e) {
            return List.of(batch);
        }
    }

    /**
     * The text of the first {@code text} content item of a result, such as the message of a result with
     * {@code isError: true}; null when there is none or the message is not JSON.
     */
    public static String firstResultText(String message) {
        try (JsonParser parser = FACTORY.createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() == JsonToken.START_OBJECT && name.equals("result")) {
                    return contentText(parser);
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String contentText(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() != JsonToken.START_ARRAY || !name.equals("content")) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String member = parser.currentName();
                    if (parser.nextToken() == JsonToken.VALUE_STRING && member.equals("text")) {
                        return parser.getText();
                    }
                    parser.skipChildren();
                }
            }
            return null;
        }
        return null;
    }

    /** The JSON text of a string id. */
    public static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private static MessageSummary read(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return MessageSummary.other();
        }
        Fields fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> fields.id = idText(parser, value);
                case "method" -> fields.method = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "params" -> readParams(parser, value, fields);
                case "result" -> {
                    fields.hasResult = true;
                    readResult(parser, value, fields);
                }
                case "error" -> {
                    fields.hasError = true;
                    readError(parser, value, fields);
                }
                default -> parser.skipChildren();
            }
        }
        return fields.summary();
    }

    private static String idText(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
            case VALUE_STRING -> quote(parser.getText());
            default -> {
                parser.skipChildren();
                yield null;
            }
        };
    }

    private static void readParams(JsonParser parser, JsonToken value, Fields fields) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        fields.paramsStart = (int) parser.currentTokenLocation().getCharOffset();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (name) {
                case "name" -> fields.toolName = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "cursor" -> fields.hasCursor = token != JsonToken.VALUE_NULL;
                case "requestId" -> fields.cancelledId = idText(parser, token);
                case "_meta" -> readMeta(parser, token, fields);
                case "arguments" -> {
                    long start = parser.currentTokenLocation().getCharOffset();
                    parser.skipChildren();
                    long end = token.isStructStart()
                            ? parser.currentTokenLocation().getCharOffset() + 1
                            : parser.currentLocation().getCharOffset();
                    fields.argumentsChars = (int) (end - start);
                }
                default -> parser.skipChildren();
            }
        }
    }

    /** {@code params._meta}: the 2026-07-28 protocol version, when the request names one. */
    private static void readMeta(JsonParser parser, JsonToken value, Fields fields) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        fields.metaStart = (int) parser.currentTokenLocation().getCharOffset();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (name.equals(ProtocolEra.PROTOCOL_VERSION_KEY)) {
                fields.protocolVersion = token == JsonToken.VALUE_STRING ? parser.getText() : "";
            } else if (name.equals(ProtocolEra.LOG_LEVEL_KEY) && token == JsonToken.VALUE_STRING) {
                fields.logLevel = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
    }

    private static void readError(JsonParser parser, JsonToken value, Fields fields) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (name.equals("code") && token == JsonToken.VALUE_NUMBER_INT) {
                fields.errorCode = parser.getIntValue();
            } else if (name.equals("message") && token == JsonToken.VALUE_STRING) {
                fields.errorMessage = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
    }

    private static void readResult(JsonParser parser, JsonToken value, Fields fields) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        fields.resultStart = (int) parser.currentTokenLocation().getCharOffset();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (name) {
                case "isError" -> fields.resultIsError = token == JsonToken.VALUE_TRUE;
                case "resultType" -> fields.resultType = token == JsonToken.VALUE_STRING ? parser.getText() : "";
                case "nextCursor" -> fields.hasNextCursor = token != JsonToken.VALUE_NULL;
                case "tools" -> readTools(parser, token, fields);
                default -> parser.skipChildren();
            }
        }
        fields.resultChars = (int) (parser.currentTokenLocation().getCharOffset() + 1 - fields.resultStart);
    }

    private static void readTools(JsonParser parser, JsonToken value, Fields fields) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken member = parser.nextToken();
                if (name.equals("name") && member == JsonToken.VALUE_STRING) {
                    fields.toolNames.add(parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        }
        fields.toolsArrayEnd = (int) parser.currentTokenLocation().getCharOffset();
    }

    /** Mutable scratch space of one {@link #read}. */
    private static final class Fields {
        String id;
        String method;
        String toolName;
        boolean hasCursor;
        String cancelledId;
        int argumentsChars;
        boolean hasResult;
        boolean hasError;
        boolean resultIsError;
        boolean hasNextCursor;
        final List<String> toolNames = new ArrayList<>();
        int toolsArrayEnd = -1;
        String protocolVersion;
        String logLevel;
        String resultType;
        int errorCode;
        int paramsStart = -1;
        int metaStart = -1;
        int resultStart = -1;
        int resultChars;
        String errorMessage;

        MessageSummary summary() {
            MessageSummary.Kind kind;
            if (method != null) {
                kind = id != null ? MessageSummary.Kind.REQUEST : MessageSummary.Kind.NOTIFICATION;
            } else if (id != null && (hasResult || hasError)) {
                kind = MessageSummary.Kind.RESPONSE;
            } else {
                kind = MessageSummary.Kind.OTHER;
            }
            return new MessageSummary(
                    kind,
                    id,
                    method,
                    toolName,
                    hasCursor,
                    cancelledId,
                    argumentsChars,
                    hasError || resultIsError,
                    hasNextCursor,
                    toolNames,
                    toolsArrayEnd,
                    new EraMarks(protocolVersion, logLevel, resultType, errorCode, paramsStart, metaStart, resultStart),
                    resultChars,
                    errorMessage);
        }
    }
}
