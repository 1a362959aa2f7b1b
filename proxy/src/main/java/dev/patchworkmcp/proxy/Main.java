package dev.patchworkmcp.proxy;

import dev.patchworkmcp.commandline.UsageException;
import dev.patchworkmcp.proxy.http.PortUnavailableException;
import dev.patchworkmcp.proxy.upstream.UpstreamStartException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Entry point of {@code patchwork proxy}: parses the command line, then serves one client over stdio (or many
 * over HTTP) until it goes away. Exit codes: 0 when the client left (stdin closed, SIGTERM), 1 on a runtime
 * failure, 2 on a usage error.
 */
public final class Main {

    private static final String KEEP_ALIVE = "jdk.httpclient.keepalive.timeout";

    private Main() {}

    public static void main(String[] args) {
        StartupTrace.mark("main");
        // Idle HTTP connections (to a remote upstream, to the sidecar) are dropped after 4 s, before the 5 s after
        // which Node's and uvicorn's servers close theirs: a POST sent on a connection the server is closing fails
        // ("header parser received no bytes") and is not retried. Set before any HTTP client class loads.
        if (System.getProperty(KEEP_ALIVE) == null) {
            System.setProperty(KEEP_ALIVE, "4");
        }
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
        try (FeedbackProxy proxy = FeedbackProxy.start(config, protocolIn, protocolOut)) {
            Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "patchwork-proxy-shutdown"));
            onSigterm(proxy::close);
            awaitQuietly(proxy);
            return 0;
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

    private static void awaitQuietly(FeedbackProxy proxy) {
        try {
            proxy.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
