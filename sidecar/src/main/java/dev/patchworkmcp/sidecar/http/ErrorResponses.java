package dev.patchworkmcp.sidecar.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.UUID;

/**
 * The one place where exceptions become HTTP responses, all in the same JSON shape: {@code {detail, code, field,
 * allowed?, incident_id?}}. Unexpected failures answer 500 with an incident id and log the stack trace; the
 * trace is never sent. Stateless.
 */
public final class ErrorResponses {
    private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {}

    /** Registers the handlers on a routing; call once, from the composition root. */
    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> send(res, e))
                .error(
                        RequestException.class,
                        (req, res, e) -> send(res, fromHelidon(e.status().code(), e)))
                .error(HttpException.class, (req, res, e) -> {
                    if (e.status().code() >= 500) {
                        unexpected(res, e);
                    } else {
                        send(res, fromHelidon(e.status().code(), e));
                    }
                })
                .error(DataReader.InsufficientDataAvailableException.class, (req, res, e) -> send(res, cutShort()))
                .error(Throwable.class, (req, res, e) -> unexpected(res, e));
    }

    /** A body that ended before its declared length or its last chunk: the client's fault, nothing was stored. */
    private static ApiException cutShort() {
        return ApiException.badRequest(
                "incomplete_body",
                "The request body ended before its declared Content-Length or its last chunk; nothing was stored."
                        + " Send the whole body.");
    }

    /**
     * Handlers for what the web server rejects before routing (a malformed Host header, bad percent-encoding in
     * the path or query, a request line it cannot parse), so those answers carry the same JSON shape as the rest.
     */
    public static DirectHandlers directHandlers() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, ErrorResponses::transport);
        }
        return handlers.build();
    }

    private static DirectHandler.TransportResponse transport(
            DirectHandler.TransportRequest request,
            DirectHandler.EventType type,
            Status status,
            ServerResponseHeaders headers,
            String message) {
        ObjectNode body;
        if (status == Status.HTTP_VERSION_NOT_SUPPORTED_505) {
            body = body(new ApiException(
                    505,
                    "http_version_not_supported",
                    null,
                    "Only HTTP/1.1 is served here; send the request as HTTP/1.1.",
                    List.of()));
        } else if (status.code() >= 500) {
            String incident = UUID.randomUUID().toString();
            LOG.log(System.Logger.Level.ERROR, "Transport failure " + type + ", incident " + incident + ": " + message);
            body = incidentBody(incident);
        } else {
            body = body(new ApiException(
                    status.code(),
                    status.code() == 413 ? "body_too_large" : "bad_request",
                    null,
                    "The request is not well-formed HTTP (" + Texts.quote(message)
                            + "); check the Host header, the request line and the percent-encoding of the URL.",
                    List.of()));
        }
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, Json.CONTENT_TYPE)
                .entity(body.toString())
                .build();
    }

    /** Sends an error right away (used by filters that answer without throwing). */
    public static void send(ServerResponse res, ApiException e) {
        if (res.isSent()) {
            return;
        }
        Json.send(res, e.status(), body(e));
    }

    static ObjectNode body(ApiException e) {
        ObjectNode body = Json.object();
        body.put("detail", e.getMessage());
        body.put("code", e.code());
        body.put("field", e.field());
        if (!e.allowed().isEmpty()) {
            body.set("allowed", Json.MAPPER.valueToTree(e.allowed()));
        }
        return body;
    }

    private static ApiException fromHelidon(int status, Exception e) {
        String code = status == 404 ? "not_found" : status == 413 ? "body_too_large" : "bad_request";
        return new ApiException(
                status, code, null, "The request could not be processed: " + Texts.quote(e.getMessage()), List.of());
    }

    private static void unexpected(ServerResponse res, Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(System.Logger.Level.ERROR, "Unexpected failure, incident " + incident, e);
        if (res.isSent()) {
            return;
        }
        Json.send(res, 500, incidentBody(incident));
    }

    private static ObjectNode incidentBody(String incident) {
        ObjectNode body = Json.object();
        body.put(
                "detail",
                "The sidecar failed unexpectedly; its log has the details under incident " + incident
                        + ". Retry, and report the incident id if it persists.");
        body.put("code", "internal_error");
        body.putNull("field");
        body.put("incident_id", incident);
        return body;
    }
}
