package dev.patchworkmcp.proxy;

import dev.patchworkmcp.proxy.http.HttpFrontEnd;
import dev.patchworkmcp.proxy.http.PortUnavailableException;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.ProxyJson;
import dev.patchworkmcp.proxy.relay.RelaySession;
import dev.patchworkmcp.proxy.relay.StdioClientChannel;
import dev.patchworkmcp.proxy.upstream.UpstreamStartException;
import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
import dev.patchworkmcp.proxy.upstream.Upstreams;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of {@code patchwork proxy}: parses the command line, then serves one client over stdio (or many
 * over HTTP) until it goes away. Exit codes: 0 when the client left (stdin closed, SIGTERM), 1 on a runtime
 * failure, 2 on a usage error.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        StartupTrace.mark("main");
        // The real stdout belongs to the protocol; anything a library prints goes to stderr instead. The real
        // stdin is read unbuffered: the relay buffers it itself, and System.in's BufferedInputStream would ask
        // the pipe how much is available() (two system calls) after every read.
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err);
        System.exit(run(args, new FileInputStream(FileDescriptor.in), protocolOut));
    }

    /** Runs the proxy with {@code protocolIn} / {@code protocolOut} as the stdio client's streams; the exit code. */
    static int run(String[] args, InputStream protocolIn, OutputStream protocolOut) {
        ProxyConfig config;
        try {
            switch (ProxyCommandLine.parse(Arrays.asList(args), System.getenv())) {
                case ProxyCommandLine.Help help -> {
                    print(protocolOut, ProxyCommandLine.usage());
                    return 0;
                }
                case ProxyCommandLine.Version version -> {
                    print(protocolOut, "patchwork-proxy " + FeedbackProxy.VERSION + "\n");
                    return 0;
                }
                case ProxyCommandLine.Run run -> config = run.config();
            }
        } catch (UsageException e) {
            System.err.println("patchwork proxy: " + e.getMessage());
            return 2;
        }
        StartupTrace.mark("command line read");
        try {
            // A child process starts first: it boots while the JVM sets up logging and loads the rest of the proxy.
            MessageChannel child =
                    config.serve() == ProxyConfig.Serve.STDIO && config.upstream() instanceof UpstreamTarget.Stdio stdio
                            ? Upstreams.child(stdio, config.serverName())
                            : null;
            ProxyJson json = ProxyJson.load();
            StartupTrace.mark("upstream started");
            StderrLogging.install(config.verbose());
            StartupTrace.mark("logging installed");
            return switch (config.serve()) {
                case STDIO ->
                    serveStdio(
                            config,
                            json,
                            child != null ? child : Upstreams.open(config.upstream(), config.serverName(), json),
                            protocolIn,
                            protocolOut);
                case HTTP -> serveHttp(config, json);
            };
        } catch (UsageException e) {
            System.err.println("patchwork proxy: " + e.getMessage());
            return 2;
        } catch (UpstreamStartException | PortUnavailableException e) {
            System.err.println("patchwork proxy: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println(
                    "patchwork proxy: failed: " + e + (config.verbose() ? "" : " (run with --verbose for details)"));
            if (config.verbose()) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    private static int serveStdio(
            ProxyConfig config,
            ProxyJson json,
            MessageChannel upstream,
            InputStream protocolIn,
            OutputStream protocolOut) {
        try (FeedbackProxy proxy = FeedbackProxy.start(config, json)) {
            StartupTrace.mark("proxy ready");
            RelaySession session =
                    proxy.sessions().attach(new StdioClientChannel(protocolIn, protocolOut), upstream, null);
            StartupTrace.mark("session attached");
            Runtime.getRuntime().addShutdownHook(new Thread(session::close, "patchwork-proxy-shutdown"));
            onSigterm(session::close);
            awaitQuietly(session);
            return 0;
        }
    }

    private static int serveHttp(ProxyConfig config, ProxyJson json) throws UsageException {
        try (FeedbackProxy proxy = FeedbackProxy.start(config, json)) {
            AutoCloseable server = HttpFrontEnd.start(config.http(), proxy.sessions(), json.mapper());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server), "patchwork-proxy-shutdown"));
            onSigterm(stop::countDown);
            awaitQuietly(stop);
            closeQuietly(server);
            return 0;
        }
    }

    /** SIGTERM means "the client is done": clean up, then exit 0 rather than the JVM's 143. */
    private static void onSigterm(Runnable cleanup) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
                cleanup.run();
                System.exit(0);
            });
        } catch (IllegalArgumentException e) {
            // no SIGTERM on this platform; the shutdown hook still cleans up
        }
    }

    private static void awaitQuietly(RelaySession session) {
        try {
            while (!session.awaitClosed(1, TimeUnit.HOURS)) {
                // keep serving
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("patchwork proxy: stopping failed: " + e);
        }
    }

    private static void print(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            System.err.println("patchwork proxy: " + e.getMessage());
        }
    }
}
