package dev.patchworkmcp.sidecar.feedback;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * {@code GET /api/events}: a server-sent event stream with one {@code feedback} event (data: the report as in the
 * list) per stored report, and a comment line as heartbeat whenever nothing happened for the heartbeat interval,
 * so proxies keep the connection open. Each stream runs on its own virtual thread. Thread-safe.
 */
public final class EventsApi implements HttpService {
    private final FeedbackEvents events;
    private final Duration heartbeat;

    public EventsApi(FeedbackEvents events, Duration heartbeat) {
        this.events = events;
        this.heartbeat = heartbeat;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::stream);
    }

    private void stream(ServerRequest req, ServerResponse res) {
        res.header("Cache-Control", "no-store");
        res.header("X-Accel-Buffering", "no");
        try (FeedbackEvents.Subscription subscription = events.subscribe();
                SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("connected").build());
            while (true) {
                Optional<String> next = subscription.next(heartbeat);
                if (next.isPresent()) {
                    sink.emit(
                            SseEvent.builder().name("feedback").data(next.get()).build());
                } else {
                    sink.emit(SseEvent.builder().comment("heartbeat").build());
                }
            }
        } catch (UncheckedIOException | CancellationException e) {
            // the client went away, or the sidecar is stopping: the stream simply ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
