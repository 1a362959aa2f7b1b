package dev.patchworkmcp.sidecar;

import dev.patchworkmcp.sidecar.Api.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Sends hand-written HTTP/1.1 requests (for headers java.net.http refuses to set, such as Host). */
final class RawHttp {
    private RawHttp() {}

    /** Sends {@code head} (request line and headers, ending in a blank line) plus {@code body}; reads one answer. */
    static Reply exchange(int port, String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply exchange(int port, String head) {
        return exchange(port, head, new byte[0]);
    }

    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed before the end of the response headers");
            }
            headBytes.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>();
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                headers.put(name, List.of(value));
                if (name.equals("content-length")) {
                    length = Integer.parseInt(value);
                }
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Reply(status, headers, body);
    }
}
