package dev.patchworkmcp.proxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.proxy.outbox.Outbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON-RPC batches (protocol 2025-03-26) through the relay. The npm servers of the other tests dropped batch
 * support with protocol 2025-06-18, so both ends here are in-memory channels that record what they receive.
 */
class RelaySessionBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final RecordingChannel client = new RecordingChannel();
    private final RecordingChannel upstream = new RecordingChannel();

    private void startSession() {
        TestSessions.start(client, upstream, temp, "batch-server", JSON);
    }

    @Test
    void relaysABatchUnchangedWhenNothingInItIsOurs() {
        startSession();
        String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}, {\"jsonrpc\":\"2.0\",\"method\":\"x/y\"}]";

        client.deliver(batch);

        assertThat(upstream.received()).containsExactly(batch);
    }

    @Test
    void answersOurToolOutOfABatchAndRelaysTheRest() throws Exception {
        startSession();
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        String feedback = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"feedback\","
                + "\"arguments\":{\"what_i_needed\":\"a\",\"what_i_tried\":\"b\",\"gap_type\":\"other\"}}}";

        client.deliver("[" + ping + "," + feedback + "]");

        assertThat(upstream.received()).containsExactly("[" + ping + "]");
        JsonNode answer = JSON.readTree(client.awaitReceived(0));
        assertThat(answer.path("id").asInt()).isEqualTo(2);
        assertThat(answer.path("result").path("isError").asBoolean()).isFalse();
        assertThat(new Outbox(temp).pending()).hasSize(1);
    }

    @Test
    void addsOurToolToAToolsListAnsweredInsideABatch() throws Exception {
        startSession();
        client.deliver("[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}]");

        upstream.deliver("[{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"tools\":[{\"name\":\"echo\"}]}}]");

        JsonNode batch = JSON.readTree(client.received().get(0));
        assertThat(batch.get(0).toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}");
        assertThat(batch.get(1).path("result").path("tools").get(0).path("name").asText())
                .isEqualTo("echo");
        assertThat(batch.get(1).path("result").path("tools").get(1).path("name").asText())
                .isEqualTo("feedback");
    }

    @Test
    void answersEveryPendingRequestOfABatchWhenTheUpstreamCloses() throws Exception {
        startSession();
        client.deliver("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"tools/list\"}]");

        upstream.closeFromPeer("the upstream server 'x' exited with code 3");

        List<String> ids = new ArrayList<>();
        for (String message : client.received()) {
            JsonNode error = JSON.readTree(message);
            assertThat(error.path("error").path("message").asText()).contains("exited with code 3");
            ids.add(error.path("id").asText());
        }
        assertThat(ids).containsExactlyInAnyOrder("a", "b");
    }
}
