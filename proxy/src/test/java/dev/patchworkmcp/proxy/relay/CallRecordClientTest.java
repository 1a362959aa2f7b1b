package dev.patchworkmcp.proxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.proxy.calls.CallRecord;
import dev.patchworkmcp.proxy.calls.CallSink;
import dev.patchworkmcp.proxy.calls.CallTracing;
import dev.patchworkmcp.proxy.feedback.FeedbackTool;
import dev.patchworkmcp.proxy.outbox.Outbox;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Call records name the client in either era, whether or not it ever files a report. */
@Timeout(30)
class CallRecordClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final RecordingChannel client = new RecordingChannel();
    private final RecordingChannel upstream = new RecordingChannel();
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();

    private void startSession() {
        CallSink sink = new CallSink() {
            @Override
            public void record(CallRecord call) {
                records.add(call);
            }

            @Override
            public void advertised(List<String> tools) {}

            @Override
            public boolean keepsRequestText() {
                return false;
            }
        };
        FeedbackTool tool = new FeedbackTool(FeedbackToolContract.load(), new Outbox(temp), () -> {}, JSON);
        SessionSettings settings = new SessionSettings(
                "records-server",
                "feedback",
                CompletableFuture.completedFuture(tool),
                ProxyJson.of(JSON),
                sink,
                CallTracing.NONE);
        new RelaySessions(null, settings).attach(client, upstream, "session-1");
    }

    private static String modernCall(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                + "\"arguments\":{\"a\":1,\"b\":2},\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"modern-agent\",\"version\":\"2.3.0\"},"
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    }

    private static String answer(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id
                + ",\"result\":{\"resultType\":\"complete\",\"content\":[{\"type\":\"text\",\"text\":\"3\"}]}}";
    }

    @Test
    void aModernClientThatFilesNoReportIsNamedOnItsCallRecords() throws Exception {
        startSession();

        client.deliver(modernCall(1));
        JsonNode probe = JSON.readTree(upstream.awaitReceived(0));
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":" + probe.path("id")
                + ",\"result\":{\"resultType\":\"complete\",\"supportedVersions\":[\"2026-07-28\"],"
                + "\"capabilities\":{\"tools\":{}}}}");
        upstream.awaitReceived(1);
        upstream.deliver(answer(1));
        client.awaitReceived(0);
        client.deliver(modernCall(2));
        upstream.awaitReceived(2);
        upstream.deliver(answer(2));
        client.awaitReceived(1);

        assertThat(records).hasSize(2);
        assertThat(records)
                .extracting(CallRecord::client)
                .containsOnly(new CallRecord.Client("modern-agent", "2.3.0", "2026-07-28"));
        assertThat(records).extracting(CallRecord::tool).containsOnly("add");
    }

    @Test
    void aLegacyClientIsNamedFromItsInitialize() throws Exception {
        startSession();

        client.deliver("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"legacy-agent\",\"version\":\"1.32.2\"}}}");
        upstream.awaitReceived(0);
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"s\",\"version\":\"1\"}}}");
        client.awaitReceived(0);
        client.deliver("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\","
                + "\"arguments\":{}}}");
        upstream.awaitReceived(1);
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[]}}");
        client.awaitReceived(1);

        assertThat(records)
                .extracting(CallRecord::client)
                .contains(new CallRecord.Client("legacy-agent", "1.32.2", "2025-11-25"));
    }
}
