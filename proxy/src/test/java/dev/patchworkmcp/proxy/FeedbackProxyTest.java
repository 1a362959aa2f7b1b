package dev.patchworkmcp.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchworkmcp.proxy.http.HttpFrontEndOptions;
import dev.patchworkmcp.proxy.http.PortUnavailableException;
import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The composition root: what it starts it stops, in every way a proxy can end. */
class FeedbackProxyTest {
    private static final Set<String> SENDER_THREADS = Set.of("patchwork-outbox-sender", "patchwork-call-records");

    @TempDir
    Path temp;

    @Test
    @Timeout(60)
    void stopsThePartsItStartedWhenTheHttpPortIsTaken() throws Exception {
        Set<Thread> before = senderThreads();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProxyConfig config = httpConfig(taken.getLocalPort());

            assertThatThrownBy(() -> FeedbackProxy.start(config, emptyInput(), new ByteArrayOutputStream()))
                    .isInstanceOf(PortUnavailableException.class);
        }

        assertThat(newLiveThreads(before)).isEmpty();
    }

    @Test
    @Timeout(60)
    void closeEndsTheHttpProxysWaitAndStopsItsSenders() throws Exception {
        Set<Thread> before = senderThreads();
        FeedbackProxy proxy = FeedbackProxy.start(httpConfig(0), emptyInput(), new ByteArrayOutputStream());
        assertThat(newLiveThreads(before))
                .extracting(Thread::getName)
                .containsExactlyInAnyOrderElementsOf(SENDER_THREADS);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                proxy.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        proxy.close();

        waiting.get(30, TimeUnit.SECONDS);
        assertThat(newLiveThreads(before)).isEmpty();
    }

    private ProxyConfig httpConfig(int port) {
        return new ProxyConfig(
                "root-test",
                URI.create("http://127.0.0.1:9"),
                "",
                ProxyConfig.Serve.HTTP,
                HttpFrontEndOptions.defaults().withPort(port),
                temp.resolve("outbox"),
                "feedback",
                new UpstreamTarget.Stdio(List.of("true"), Map.of(), temp),
                false);
    }

    private static ByteArrayInputStream emptyInput() {
        return new ByteArrayInputStream(new byte[0]);
    }

    private static Set<Thread> senderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> SENDER_THREADS.contains(thread.getName()))
                .collect(Collectors.toSet());
    }

    private static List<Thread> newLiveThreads(Set<Thread> before) {
        return senderThreads().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .toList();
    }
}
