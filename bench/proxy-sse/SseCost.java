import io.helidon.http.HeaderNames;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.sse.SseSink;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Per-event cost of an SSE stream written through Helidon's SseSink (as the proxy's HTTP front end writes them:
 * an id, the name "message", the data as UTF-8 bytes, one flush per event) against the same events written as
 * text frames on the response's output stream (as the proxy wrote them before), on one Helidon server with
 * tcp-no-delay, read by the JDK HttpClient; the two alternate within each round. Usage: java -cp 'libs/*'
 * SseCost.java [events per stream] [rounds].
 */
public class SseCost {
    private static final String DATA =
            "{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hello\"}]}}";

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routing -> routing.get("/sink", (req, res) -> {
                            SseSink sink = res.sink(SseSink.TYPE);
                            for (int i = 0; i < events; i++) {
                                sink.emit(SseEvent.builder()
                                        .id("1-" + i)
                                        .name("message")
                                        .data(DATA.getBytes(StandardCharsets.UTF_8))
                                        .build());
                            }
                            sink.close();
                        })
                        .get("/text", (req, res) -> {
                            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
                            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
                            OutputStream out = res.outputStream();
                            for (int i = 0; i < events; i++) {
                                StringBuilder frame = new StringBuilder(DATA.length() + 48);
                                frame.append("id: 1-").append(i).append("\nevent: message\n");
                                for (String line : DATA.split("\r\n|\r|\n", -1)) {
                                    frame.append("data: ").append(line).append('\n');
                                }
                                out.write(frame.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                                out.flush();
                            }
                            out.close();
                        }))
                .build()
                .start();
        HttpClient client = HttpClient.newHttpClient();
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (String path : round % 2 == 0 ? new String[] {"/sink", "/text"} : new String[] {"/text", "/sink"}) {
                long start = System.nanoTime();
                HttpResponse<InputStream> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                long bytes = 0;
                try (InputStream in = response.body()) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        bytes += n;
                    }
                }
                double micros = (System.nanoTime() - start) / 1000.0 / events;
                line.append(String.format("  %s %.2f us/event (%d bytes)", path, micros, bytes));
            }
            System.out.println(line);
        }
        server.stop();
    }
}
