package dev.patchworkmcp.sidecar;

import dev.patchworkmcp.commandline.UsageException;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import sun.misc.Signal;

/** Command-line entry point of {@code patchwork sidecar}. Exit code 2 on invalid usage or configuration, 1 when it cannot listen. */
public final class Main {
    /** Held here so that their levels stick: JUL keeps loggers only weakly. */
    private static final List<Logger> LIBRARY_LOGGERS = Stream.of(
                    "io.helidon", "org.flywaydb", "com.zaxxer.hikari", "ai.djl")
            .map(Logger::getLogger)
            .toList();

    private Main() {}

    public static void main(String[] args) {
        SidecarCommandLine commandLine;
        try {
            commandLine = SidecarCommandLine.parse(args);
        } catch (UsageException e) {
            System.err.println("patchwork sidecar: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (commandLine.help()) {
            System.out.print(SidecarCommandLine.USAGE);
            return;
        }
        // A flag is the same setting as its environment variable; system properties win over the environment.
        commandLine.settings().forEach(System::setProperty);
        LogConfig.configureRuntime();
        if (commandLine.verbose()) {
            LIBRARY_LOGGERS.forEach(logger -> logger.setLevel(Level.INFO));
        }
        Sidecar sidecar;
        try {
            sidecar = Sidecar.start(SidecarConfig.from(Config.create()));
        } catch (ConfigException e) {
            System.err.println("patchwork sidecar: " + e.getMessage());
            System.exit(2);
            return;
        } catch (PortUnavailableException e) {
            System.err.println("patchwork sidecar: " + e.getMessage());
            System.exit(1);
            return;
        }
        // scripts/lib/test-sidecar.sh and other tools parse this line.
        System.err.println("PatchworkMCP sidecar listening on http://" + sidecar.host() + ":" + sidecar.port());
        Runnable stopOnce = once(sidecar::stop);
        stopBeforeExitOn(List.of("TERM", "INT", "HUP"), stopOnce);
        Runtime.getRuntime().addShutdownHook(new Thread(stopOnce, "patchwork-sidecar-stop"));
    }

    /**
     * On these signals the sidecar stops first and only then lets the JVM exit. Shutdown hooks run concurrently,
     * and ONNX Runtime's own hook frees its environment while the embedding model may still be loading or
     * embedding on another thread, which crashed the JVM (SIGSEGV in libonnxruntime) when the sidecar was stopped
     * in its first seconds. Stopping first waits for the embedder, so nothing native is in flight by then.
     */
    private static void stopBeforeExitOn(List<String> signals, Runnable stop) {
        for (String name : signals) {
            try {
                // A non-daemon thread: once the web server has stopped, no other thread keeps the JVM alive, and
                // it must not exit on its own before the rest of the sidecar has stopped.
                Signal.handle(
                        new Signal(name),
                        signal -> Thread.ofPlatform()
                                .daemon(false)
                                .name("patchwork-sidecar-signal")
                                .start(() -> {
                                    stop.run();
                                    System.exit(128 + signal.getNumber());
                                }));
            } catch (IllegalArgumentException e) {
                // the signal does not exist here, or the JVM reserves it (-Xrs): the shutdown hook still stops
            }
        }
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }
}
