package dev.patchworkmcp.sidecar.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.sse.SseSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sink that keeps every event as {@code name data} or {@code :comment}. */
    private static final class Recorder implements SseSink {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public SseSink emit(SseEvent event) {
            events.add(event.comment()
                    .map(comment -> ":" + comment)
                    .orElseGet(() -> event.name().orElse("") + " " + event.data()));
            return this;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void sendsEachStepAsANamedEventWithJsonData() {
        Recorder sink = new Recorder();

        try (EventStream events = new EventStream(sink, JSON, Duration.ofHours(1))) {
            events.start();
            events.step("Fetching \"tree\"...");
            events.event("done", Map.of("pr_url", "https://x/pull/1"));
        }

        assertThat(sink.events)
                .containsExactly("step \"Fetching \\\"tree\\\"...\"", "done {\"pr_url\":\"https://x/pull/1\"}");
        assertThat(sink.closed).isTrue();
    }

    @Test
    void sendsHeartbeatCommentsWhileTheRunIsQuiet() {
        Recorder sink = new Recorder();

        try (EventStream events = new EventStream(sink, JSON, Duration.ofMillis(5))) {
            events.start();
            events.step("Calling the model...");
            Instant deadline = Instant.now().plusSeconds(20);
            while (!heartbeatAfterStep(sink.events) && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
        }

        assertThat(heartbeatAfterStep(sink.events)).as(sink.events.toString()).isTrue();
    }

    private static boolean heartbeatAfterStep(List<String> events) {
        int step = events.indexOf("step \"Calling the model...\"");
        return step >= 0 && events.subList(step, events.size()).contains(":heartbeat");
    }

    @Test
    void stopsSendingQuietlyOnceTheClientHasGone() {
        AtomicInteger attempts = new AtomicInteger();
        SseSink gone = new SseSink() {
            @Override
            public SseSink emit(SseEvent event) {
                attempts.incrementAndGet();
                throw new UncheckedIOException(new IOException("Broken pipe"));
            }

            @Override
            public void close() {}
        };

        try (EventStream events = new EventStream(gone, JSON, Duration.ofHours(1))) {
            events.start();
            events.step("one");
            events.detail("two");
            events.error("three");
        }

        assertThat(attempts).hasValue(1);
    }
}
