package dev.patchworkmcp.proxy.upstream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes a child server's whole process group die with the proxy, however the proxy ends, SIGKILL included.
 *
 * <p>Java cannot ask the kernel to signal a child when its parent dies, and a process killed with SIGKILL runs no
 * code. So, on Linux, the child starts in a process group of its own ({@code setsid}), which everything it starts
 * ({@code npm exec}, {@code sh}, {@code node}) joins, and a small {@code sh} watchdog waits for end of file on a
 * pipe that only this JVM writes to. The kernel closes that pipe when the JVM ends for any reason; the watchdog
 * then sends SIGTERM to the group, and SIGKILL to whatever is still there two seconds later. The watchdog ignores
 * the terminal's signals, so Ctrl-C reaches the proxy, which stops its child in order.
 *
 * <p>Elsewhere (macOS, Windows, or a Linux without {@code setsid}) {@link #available()} is false and the child
 * starts as before: the proxy still stops the tree when it exits normally or on SIGTERM. Thread-safe.
 */
final class GroupWatchdog {

    private static final String SCRIPT = """
            trap '' INT HUP TERM QUIT PIPE
            read -r _
            kill -TERM "-$1" 2>/dev/null || exit 0
            n=0
            while [ "$n" -lt 20 ] && kill -0 "-$1" 2>/dev/null; do sleep 0.1; n=$((n + 1)); done
            kill -KILL "-$1" 2>/dev/null
            exit 0
            """;
    private static final Optional<Path> SETSID = findSetsid();

    private final Process watchdog;
    private final OutputStream pipe;

    private GroupWatchdog(Process watchdog) {
        this.watchdog = watchdog;
        this.pipe = watchdog.getOutputStream();
    }

    /** Whether children can be started in their own process group and watched. */
    static boolean available() {
        return SETSID.isPresent();
    }

    /** {@code command} prefixed so that it starts as the leader of a new process group (and session). */
    static List<String> inNewGroup(List<String> command) {
        List<String> prefixed = new ArrayList<>(command.size() + 1);
        prefixed.add(SETSID.orElseThrow().toString());
        prefixed.addAll(command);
        return prefixed;
    }

    /**
     * Fails the way {@link ProcessBuilder#start()} would when {@code program} cannot be run, since behind
     * {@code setsid} a missing program would only show as an exit code.
     *
     * @throws IOException when {@code program} is not an executable file, or not found on the child's PATH
     */
    static void requireExecutable(ProcessBuilder builder, String program) throws IOException {
        Path directory =
                builder.directory() == null ? Path.of("") : builder.directory().toPath();
        List<Path> candidates = new ArrayList<>();
        if (program.contains("/")) {
            candidates.add(directory.resolve(program));
        } else {
            String path = builder.environment().getOrDefault("PATH", "");
            for (String entry : path.split(":", -1)) {
                candidates.add(directory.resolve(entry).resolve(program));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return;
            }
        }
        throw new IOException("Cannot run program \"" + program + "\": "
                + (program.contains("/") ? "no executable file there" : "not found on PATH"));
    }

    /**
     * Starts the watchdog of the process group {@code groupId} (the pid of a child started with
     * {@link #inNewGroup}).
     *
     * @throws IOException when {@code sh} cannot be started
     */
    static GroupWatchdog watch(long groupId) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "patchwork-watchdog", Long.toString(groupId))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new GroupWatchdog(process);
    }

    /**
     * Sweeps the group now (after the child was stopped in order, this catches anything that left the tree) and
     * waits up to {@code timeout} for the watchdog to finish.
     */
    void sweep(Duration timeout) {
        try {
            pipe.close();
            if (!watchdog.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                watchdog.destroyForcibly();
            }
        } catch (IOException e) {
            watchdog.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watchdog.destroyForcibly();
        }
    }

    private static Optional<Path> findSetsid() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || !Files.isExecutable(Path.of("/bin/sh"))) {
            return Optional.empty();
        }
        return List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
                .filter(Files::isExecutable)
                .findFirst();
    }
}
