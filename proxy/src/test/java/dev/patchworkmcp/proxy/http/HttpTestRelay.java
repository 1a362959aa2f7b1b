package dev.patchworkmcp.proxy.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.MessageListener;
import dev.patchworkmcp.proxy.relay.ProxySessionFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Test-only relay: connects each client session to a fresh upstream channel and passes every message through
 * unchanged both ways. Remembers the upstreams it opened and the session ids it was given.
 */
final class HttpTestRelay implements ProxySessionFactory {
    /** The mapper the tests hand the front end, as the proxy's root hands it the process's one. */
    static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<MessageChannel> upstreams;
    final List<MessageChannel> opened = new CopyOnWriteArrayList<>();
    final List<String> sessionIds = new CopyOnWriteArrayList<>();

    HttpTestRelay(Supplier<MessageChannel> upstreams) {
        this.upstreams = upstreams;
    }

    /** Each session gets its own server-everything child over stdio. */
    static HttpTestRelay everythingOverStdio() {
        return new HttpTestRelay(() -> new HttpTestStdioChannel(HttpNodePeers.everythingStdio()));
    }

    @Override
    public AutoCloseable open(MessageChannel client, String sessionId) {
        MessageChannel upstream = upstreams.get();
        opened.add(upstream);
        sessionIds.add(sessionId);
        upstream.start(new MessageListener() {
            @Override
            public void onMessage(String message) {
                client.send(message);
            }

            @Override
            public void onClosed(String reason) {
                client.close();
            }
        });
        client.start(new MessageListener() {
            @Override
            public void onMessage(String message) {
                upstream.send(message);
            }

            @Override
            public void onClosed(String reason) {
                upstream.close();
            }
        });
        return () -> {
            upstream.close();
            client.close();
        };
    }

    List<Process> processes() {
        return opened.stream()
                .filter(HttpTestStdioChannel.class::isInstance)
                .map(channel -> ((HttpTestStdioChannel) channel).process())
                .toList();
    }
}
