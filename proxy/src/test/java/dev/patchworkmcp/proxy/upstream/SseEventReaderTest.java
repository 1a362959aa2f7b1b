package dev.patchworkmcp.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading server-sent events as the remote upstreams receive them. */
class SseEventReaderTest {

    private static SseEventReader reader(String stream) {
        return new SseEventReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsNamedAndUnnamedEventsAndSkipsComments() throws Exception {
        SseEventReader events = reader(": keep-alive\n\nevent: endpoint\ndata: /message?sessionId=1\n\n"
                + "id: 7\ndata: {\"jsonrpc\":\"2.0\"}\n\n");

        assertThat(events.next()).isEqualTo(new SseEventReader.Event("endpoint", "/message?sessionId=1", null));
        assertThat(events.next()).isEqualTo(new SseEventReader.Event("message", "{\"jsonrpc\":\"2.0\"}", "7"));
        assertThat(events.next()).isNull();
    }

    @Test
    void joinsDataLinesWithNewlinesAndAcceptsCrLf() throws Exception {
        SseEventReader events = reader("event: message\r\ndata: {\"a\":\r\ndata:1}\r\n\r\n");

        assertThat(events.next().data()).isEqualTo("{\"a\":\n1}");
    }

    @Test
    void dropsAnEventCutOffByTheEndOfTheStream() throws Exception {
        SseEventReader events = reader("data: {\"half\":");

        assertThat(events.next()).isNull();
    }
}
