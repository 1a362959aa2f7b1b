package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.proxy.calls.CallSink;
import dev.patchworkmcp.proxy.calls.CallTracing;
import dev.patchworkmcp.proxy.feedback.FeedbackTool;
import java.util.concurrent.CompletableFuture;

/**
 * What every session of one proxy shares. The feedback tool and the JSON mapper may still be loading when a
 * session starts (the relay does not need them to pass the first messages on, and the JVM loads them while the
 * upstream boots); {@link #tool()} and {@link #json()} wait for them. Thread-safe.
 */
public final class SessionSettings {

    private final String serverName;
    private final String toolName;
    private final CompletableFuture<FeedbackTool> tool;
    private final ProxyJson json;
    private final CallSink calls;
    private final CallTracing tracing;

    /**
     * @param serverName the wrapped server's name, put on reports
     * @param toolName the name the feedback tool is offered under, unless the upstream has it already
     * @param tool the feedback tool, when ready
     * @param json the process's JSON mapper (the relay parses a few messages into trees)
     * @param calls where the records of relayed calls go ({@link CallSink#NONE} when they are off)
     * @param tracing spans and metrics of relayed calls ({@link CallTracing#NONE} when OpenTelemetry is off)
     */
    public SessionSettings(
            String serverName,
            String toolName,
            CompletableFuture<FeedbackTool> tool,
            ProxyJson json,
            CallSink calls,
            CallTracing tracing) {
        this.serverName = serverName;
        this.toolName = toolName;
        this.tool = tool;
        this.json = json;
        this.calls = calls;
        this.tracing = tracing;
    }

    /** Without call records and spans. */
    public SessionSettings(String serverName, String toolName, CompletableFuture<FeedbackTool> tool, ProxyJson json) {
        this(serverName, toolName, tool, json, CallSink.NONE, CallTracing.NONE);
    }

    public String serverName() {
        return serverName;
    }

    public String toolName() {
        return toolName;
    }

    /** Where the records of relayed calls go. */
    public CallSink calls() {
        return calls;
    }

    /** Spans and metrics of relayed calls. */
    public CallTracing tracing() {
        return tracing;
    }

    /** The feedback tool, waiting for it to be ready. */
    public FeedbackTool tool() {
        return tool.join();
    }

    /** The JSON mapper, waiting for it to be ready. */
    public ObjectMapper json() {
        return json.mapper();
    }

    /** The process's JSON mapper, for the upstream transports each session opens. */
    public ProxyJson proxyJson() {
        return json;
    }
}
