package dev.patchworkmcp.sidecar.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads request bodies as JSON within the configured size limit (413 past it, 400 when not JSON). Stateless. */
public final class JsonBodies {
    private final long maxBytes;
    private final ObjectMapper json;

    /** Reads bodies of at most {@code maxBytes} with {@code json}. */
    public JsonBodies(long maxBytes, ObjectMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    /** The body as a JSON object; an empty body is an error. */
    public JsonNode readObject(ServerRequest req) {
        byte[] bytes = readBytes(req);
        if (bytes.length == 0) {
            throw ApiException.badRequest("empty_body", "The request body is empty; send a JSON object.");
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(
                    "malformed_json",
                    "The request body is not valid JSON (" + Texts.quote(e.getOriginalMessage())
                            + "); send a JSON object.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(
                    "not_an_object",
                    "The request body must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType())
                            + ".");
        }
        return node;
    }

    private byte[] readBytes(ServerRequest req) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw tooLarge();
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable_body", "The request body could not be read: " + e.getMessage());
        }
    }

    private ApiException tooLarge() {
        return new ApiException(
                413,
                "body_too_large",
                null,
                "The request body is larger than the limit of " + maxBytes
                        + " bytes; send less (e.g. shorter texts or context), or raise FEEDBACK_MAX_BODY_BYTES.",
                List.of());
    }

    /** True when the request declares a JSON body. */
    public static boolean isJson(ServerRequest req) {
        return req.headers()
                .first(HeaderNames.CONTENT_TYPE)
                .map(value -> value.split(";", 2)[0].strip().equalsIgnoreCase(Json.CONTENT_TYPE))
                .orElse(false);
    }
}
