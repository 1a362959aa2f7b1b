package dev.patchworkmcp.proxy.upstream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} body event by event (the WHATWG server-sent events format): {@code event},
 * {@code data} (several lines joined with a newline), {@code id}; comments and {@code retry} are skipped. Not
 * thread-safe: one reader per stream.
 */
final class SseEventReader {

    /** One dispatched event; {@code event} is {@code "message"} when the stream named none. */
    record Event(String event, String data, String id) {}

    private final BufferedReader reader;

    SseEventReader(InputStream body) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next event with data, or null at the end of the stream. */
    Event next() throws IOException {
        String event = null;
        String id = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(event == null ? "message" : event, data.toString(), id);
                }
                event = null;
                id = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "id" -> id = value;
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                default -> {
                    // "retry" and unknown fields carry nothing the relay needs.
                }
            }
        }
        return null;
    }
}
