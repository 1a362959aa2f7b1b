package dev.patchworkmcp.proxy.otel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Where a request's {@code params._meta.traceparent} is, read with one streaming pass, and the request's text with
 * another traceparent spliced in, so the rest of the text reaches the server byte for byte. Immutable.
 *
 * @param traceparent the request's {@code traceparent}, or null
 * @param tracestate the request's {@code tracestate}, or null
 * @param valueStart char offset of the {@code traceparent} string token (its opening quote), or -1
 * @param valueEnd char offset just after that token, or -1
 * @param metaOpen char offset of the opening brace of {@code _meta}, or -1
 * @param metaEmpty whether {@code _meta} has no member
 * @param paramsOpen char offset of the opening brace of {@code params}, or -1
 * @param paramsEmpty whether {@code params} has no member
 */
record TraceMeta(
        String traceparent,
        String tracestate,
        int valueStart,
        int valueEnd,
        int metaOpen,
        boolean metaEmpty,
        int paramsOpen,
        boolean paramsEmpty) {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Reads a request's text; null when it is not an object or its {@code params} or {@code _meta} is not one. */
    static TraceMeta read(String request) {
        try (JsonParser parser = FACTORY.createParser(request)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Scan scan = new Scan();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("params")) {
                    if (value != JsonToken.START_OBJECT || !readParams(parser, scan)) {
                        return null;
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return scan.meta();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean readParams(JsonParser parser, Scan scan) throws IOException {
        scan.paramsOpen = offset(parser);
        scan.paramsEmpty = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            scan.paramsEmpty = false;
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!name.equals("_meta")) {
                parser.skipChildren();
                continue;
            }
            if (value != JsonToken.START_OBJECT) {
                return false;
            }
            scan.metaOpen = offset(parser);
            scan.metaEmpty = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                scan.metaEmpty = false;
                String key = parser.currentName();
                JsonToken member = parser.nextToken();
                if (key.equals("traceparent") && member == JsonToken.VALUE_STRING) {
                    scan.traceparent = parser.getText();
                    scan.valueStart = offset(parser);
                    scan.valueEnd = (int) parser.currentLocation().getCharOffset();
                } else if (key.equals("tracestate") && member == JsonToken.VALUE_STRING) {
                    scan.tracestate = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        }
        return true;
    }

    private static int offset(JsonParser parser) {
        return (int) parser.currentTokenLocation().getCharOffset();
    }

    /** The request's text with {@code params._meta.traceparent} set to {@code value} (a plain W3C header value). */
    String with(String request, String value) {
        String quoted = "\"" + value + "\"";
        if (valueStart >= 0) {
            return request.substring(0, valueStart) + quoted + request.substring(valueEnd);
        }
        String member = "\"traceparent\":" + quoted;
        if (metaOpen >= 0) {
            return splice(request, metaOpen + 1, member + (metaEmpty ? "" : ","));
        }
        String meta = "\"_meta\":{" + member + "}";
        if (paramsOpen >= 0) {
            return splice(request, paramsOpen + 1, meta + (paramsEmpty ? "" : ","));
        }
        return splice(request, request.indexOf('{') + 1, "\"params\":{" + meta + "},");
    }

    private static String splice(String text, int at, String inserted) {
        return text.substring(0, at) + inserted + text.substring(at);
    }

    /** Mutable scratch space of one {@link #read}. */
    private static final class Scan {
        String traceparent;
        String tracestate;
        int valueStart = -1;
        int valueEnd = -1;
        int metaOpen = -1;
        boolean metaEmpty;
        int paramsOpen = -1;
        boolean paramsEmpty;

        TraceMeta meta() {
            return new TraceMeta(
                    traceparent, tracestate, valueStart, valueEnd, metaOpen, metaEmpty, paramsOpen, paramsEmpty);
        }
    }
}
