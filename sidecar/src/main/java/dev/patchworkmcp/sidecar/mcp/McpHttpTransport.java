package dev.patchworkmcp.sidecar.mcp;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The MCP Java SDK's stateless server transport on a Helidon {@link HttpService}: Streamable HTTP where
 * every POST carries one JSON-RPC request or notification and gets a JSON answer (no session, no server
 * push), which is all a triage tool server needs. Clients of MCP 2026-07-28 are served through {@link ModernEra},
 * clients of the 2025 era as the SDK serves them; a malformed body gets the JSON-RPC error that names its fault
 * ({@link JsonRpcEnvelope}). GET answers 405 as the specification allows, so clients fall back to POST-only.
 * Guarded by the admin key (when one is set) and by an Origin check against DNS rebinding. Thread-safe; requests
 * run on Helidon's virtual threads.
 */
public final class McpHttpTransport implements McpStatelessServerTransport, HttpService {
    static final int MAX_BODY_BYTES = 1 << 20;

    private final McpJsonMapper jsonMapper;
    private final Optional<String> adminKey;
    private final ModernEra modern;
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    /** {@code serverInfo} and {@code instructions} answer the 2026-07-28 era's {@code server/discover}. */
    public McpHttpTransport(
            McpJsonMapper jsonMapper,
            Optional<String> adminKey,
            McpSchema.Implementation serverInfo,
            String instructions) {
        this.jsonMapper = jsonMapper;
        this.adminKey = adminKey.filter(key -> !key.isBlank());
        this.modern = new ModernEra(jsonMapper, serverInfo, instructions);
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::post)
                .get("/", (req, res) -> refuse(res, Status.METHOD_NOT_ALLOWED_405, "this server has no event stream"))
                .delete("/", (req, res) -> refuse(res, Status.METHOD_NOT_ALLOWED_405, "this server keeps no sessions"));
    }

    private void post(ServerRequest req, ServerResponse res) throws IOException {
        if (!authorized(req, res)) {
            return;
        }
        if (closing || handler == null) {
            refuse(res, Status.SERVICE_UNAVAILABLE_503, "the sidecar is shutting down");
            return;
        }
        if (req.headers().contentLength().orElse(0) > MAX_BODY_BYTES) {
            refuse(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "an MCP message may be at most 1 MiB");
            return;
        }
        try {
            answer(req, res, JsonRpcEnvelope.read(jsonMapper, body(req)));
        } catch (MalformedMessageException e) {
            send(res, Status.create(e.status()), e.response());
        }
    }

    private static String body(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return "";
        }
        try {
            return req.content().as(String.class);
        } catch (RuntimeException e) {
            // Helidon's reader fails this way when the client stops sending before the announced end of the body.
            throw MalformedMessageException.parseError(
                    "the body ended early: " + JsonRpcEnvelope.firstLine(e.getMessage()));
        }
    }

    private void answer(ServerRequest req, ServerResponse res, McpSchema.JSONRPCMessage message) throws IOException {
        McpTransportContext context = McpTransportContext.create(Map.of());
        switch (message) {
            case McpSchema.JSONRPCRequest request
            when ModernEra.claims(request) -> answerModern(req, res, context, request);
            case McpSchema.JSONRPCRequest request -> send(res, Status.OK_200, handle(context, request));
            case McpSchema.JSONRPCNotification notification -> {
                handler.handleNotification(context, notification)
                        .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                        .block();
                res.status(Status.ACCEPTED_202).send();
            }
            // The SDK's message interface is not sealed; JsonRpcEnvelope lets only requests and notifications through.
            default ->
                throw MalformedMessageException.invalidRequest("this server accepts only requests and notifications");
        }
    }

    /** A request of the 2026-07-28 era: checked, then answered here (discover) or by the SDK and stamped. */
    private void answerModern(
            ServerRequest req, ServerResponse res, McpTransportContext context, McpSchema.JSONRPCRequest request)
            throws IOException {
        modern.check(request, name -> req.headers().first(HeaderNames.create(name)));
        if (request.method().equals(ModernEra.DISCOVER)) {
            send(res, Status.OK_200, McpSchema.JSONRPCResponse.result(request.id(), modern.discover()));
            return;
        }
        McpSchema.JSONRPCResponse response = handle(context, request);
        if (response.error() == null) {
            send(
                    res,
                    Status.OK_200,
                    McpSchema.JSONRPCResponse.result(request.id(), modern.stamp(request.method(), response.result())));
            return;
        }
        // The new era answers an unknown method with HTTP 404, so a client tells it from a server without the endpoint.
        boolean unknown = response.error().code() == McpSchema.ErrorCodes.METHOD_NOT_FOUND;
        send(res, unknown ? Status.NOT_FOUND_404 : Status.OK_200, response);
    }

    private McpSchema.JSONRPCResponse handle(McpTransportContext context, McpSchema.JSONRPCRequest request) {
        try {
            return handler.handleRequest(context, request)
                    .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                    .block();
        } catch (IllegalArgumentException e) {
            // The SDK converts params to its request records on the way in; a field of the wrong type fails there.
            throw MalformedMessageException.invalidParams(
                    request.id(),
                    "the params of " + request.method() + " do not fit it: "
                            + JsonRpcEnvelope.firstLine(e.getMessage()));
        }
    }

    private void send(ServerResponse res, Status status, Object body) throws IOException {
        res.status(status)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(jsonMapper.writeValueAsString(body));
    }

    private boolean authorized(ServerRequest req, ServerResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isPresent() && !isLoopbackOrigin(origin.get())) {
            refuse(res, Status.FORBIDDEN_403, "requests from origin " + origin.get() + " are refused");
            return false;
        }
        if (adminKey.isEmpty()) {
            return true;
        }
        String expected = "Bearer " + adminKey.get();
        String given = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        refuse(
                res,
                Status.UNAUTHORIZED_401,
                "/mcp needs the admin key: send Authorization: Bearer <FEEDBACK_ADMIN_KEY>");
        return false;
    }

    static boolean isLoopbackOrigin(String origin) {
        try {
            String host = URI.create(origin).getHost();
            return host != null
                    && (host.equals("localhost")
                            || host.equals("127.0.0.1")
                            || host.equals("[::1]")
                            || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** HTTP-level refusals use the sidecar's one error shape; JSON-RPC errors come from the SDK. */
    private void refuse(ServerResponse res, Status status, String detail) {
        String body;
        try {
            body = jsonMapper.writeValueAsString(Map.of("detail", detail, "code", "mcp_" + status.code()));
        } catch (IOException e) {
            body = "{}";
        }
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(body);
    }
}
