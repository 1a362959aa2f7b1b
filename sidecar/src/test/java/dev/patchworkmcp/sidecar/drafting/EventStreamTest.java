package dev.patchworkmcp.sidecar.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventStreamTest {
    /** An output stream whose content can be read while another thread writes. */
    private static final class Sink extends ByteArrayOutputStream {
        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesEventsAsNamedFramesWithJsonData() {
        Sink sink = new Sink();

        try (EventStream events = new EventStream(sink, Duration.ofHours(1))) {
            events.step("Fetching \"tree\"...");
            events.event("done", Map.of("pr_url", "https://x/pull/1"));
        }

        assertThat(sink.text())
                .isEqualTo("event: step\ndata: \"Fetching \\\"tree\\\"...\"\n\n"
                        + "event: done\ndata: {\"pr_url\":\"https://x/pull/1\"}\n\n");
    }

    @Test
    void sendsHeartbeatCommentsWhileTheRunIsQuiet() throws Exception {
        Sink sink = new Sink();

        try (EventStream events = new EventStream(sink, Duration.ofMillis(5))) {
            events.step("Calling the model...");
            Instant deadline = Instant.now().plusSeconds(20);
            while (!heartbeatAfterStep(sink.text()) && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
        }

        assertThat(heartbeatAfterStep(sink.text())).as(sink.text()).isTrue();
    }

    private static boolean heartbeatAfterStep(String text) {
        int step = text.indexOf("event: step\ndata: \"Calling the model...\"\n\n");
        return step >= 0 && text.indexOf(": heartbeat\n\n", step) > step;
    }

    @Test
    void stopsWritingQuietlyOnceTheClientHasGone() {
        AtomicInteger attempts = new AtomicInteger();
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                attempts.incrementAndGet();
                throw new IOException("Broken pipe");
            }
        };

        try (EventStream events = new EventStream(gone, Duration.ofHours(1))) {
            events.step("one");
            events.detail("two");
            events.error("three");
        }

        assertThat(attempts).hasValue(1);
    }
}
