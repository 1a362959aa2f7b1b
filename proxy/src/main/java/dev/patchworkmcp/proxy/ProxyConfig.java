package dev.patchworkmcp.proxy;

import dev.patchworkmcp.proxy.calls.CallRecordMode;
import dev.patchworkmcp.proxy.http.HttpFrontEndOptions;
import dev.patchworkmcp.proxy.outbox.OutboxSender;
import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one {@code patchwork proxy} process is configured with, as parsed by {@link ProxyCommandLine}.
 * Immutable.
 *
 * @param serverName the server name put on every report
 * @param sidecar base URL of the sidecar, e.g. {@code http://127.0.0.1:8099}
 * @param apiKey the sidecar's ingest key, or null when none is set
 * @param serve how the proxy serves its client
 * @param http how the HTTP front end binds and guards itself ({@link Serve#HTTP} only)
 * @param outbox directory of the on-disk outbox of undelivered reports
 * @param toolName the name the feedback tool is offered under
 * @param upstream the wrapped server
 * @param verbose whether stack traces and debug logs go to stderr
 * @param feedbackWait how long the feedback tool waits for the sidecar to take a new report before answering
 *     that it is queued ({@code --feedback-wait}; 0: never waits)
 * @param callRecords whether records of the relayed calls go to the sidecar ({@code --call-records}; default on)
 */
public record ProxyConfig(
        String serverName,
        URI sidecar,
        String apiKey,
        Serve serve,
        HttpFrontEndOptions http,
        Path outbox,
        String toolName,
        UpstreamTarget upstream,
        boolean verbose,
        Duration feedbackWait,
        CallRecordMode callRecords) {

    /** Default port of {@code --serve http}. */
    public static final int DEFAULT_HTTP_PORT = 8787;

    public ProxyConfig {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(sidecar, "sidecar");
        Objects.requireNonNull(serve, "serve");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(upstream, "upstream");
        if (feedbackWait == null) {
            feedbackWait = OutboxSender.DEFAULT_IMMEDIATE_WAIT;
        }
        if (callRecords == null) {
            callRecords = CallRecordMode.ON;
        }
    }

    /** With the default feedback wait and call records on. */
    public ProxyConfig(
            String serverName,
            URI sidecar,
            String apiKey,
            Serve serve,
            HttpFrontEndOptions http,
            Path outbox,
            String toolName,
            UpstreamTarget upstream,
            boolean verbose) {
        this(serverName, sidecar, apiKey, serve, http, outbox, toolName, upstream, verbose, null, null);
    }

    /** How the proxy faces its client. */
    public enum Serve {
        /** One client on our stdin/stdout. */
        STDIO,
        /** Streamable HTTP at {@code /mcp} and legacy SSE, one session per client. */
        HTTP
    }
}
