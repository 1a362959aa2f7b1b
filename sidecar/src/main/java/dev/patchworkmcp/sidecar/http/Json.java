package dev.patchworkmcp.sidecar.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * JSON on the wire: the sidecar's one mapper and the way every JSON response is sent. The composition root
 * ({@code SidecarParts}) hands this mapper to every part it builds that reads or writes JSON (drafting, GitHub,
 * the triage MCP server, webhooks, masking); the static helpers here use it for responses. No other mapper is
 * made in the sidecar.
 */
public final class Json {
    /** Jackson mappers are thread-safe once configured; this one is never reconfigured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    public static final String CONTENT_TYPE = "application/json";

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code value} (a Jackson tree or any serialisable value) as compact JSON text. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Sends {@code body} (a Jackson tree or any serialisable value) with the given status. */
    public static void send(ServerResponse res, int status, Object body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise a response body", e);
        }
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.send(bytes);
    }

    /** {@code {"status": value}} with the given HTTP status. */
    public static void sendStatus(ServerResponse res, int status, String value) {
        send(res, status, object().put("status", value));
    }
}
