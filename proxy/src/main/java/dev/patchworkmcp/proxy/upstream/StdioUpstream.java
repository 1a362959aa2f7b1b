package dev.patchworkmcp.proxy.upstream;

import dev.patchworkmcp.proxy.relay.ChannelClosedException;
import dev.patchworkmcp.proxy.relay.LineReader;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.MessageListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * An upstream MCP server run as a child process, speaking newline-delimited JSON-RPC on its stdin/stdout. The
 * process starts in the constructor (so it boots while the rest of the proxy starts); its stderr is copied to
 * ours, each line prefixed with {@code [name] }, and the last lines are kept to explain an exit. Closing stops
 * the whole process tree; on Linux a {@link GroupWatchdog} also stops it when the proxy is killed. Thread-safe.
 */
public final class StdioUpstream implements MessageChannel {

    private static final System.Logger LOG = System.getLogger(StdioUpstream.class.getName());
    private static final int STDERR_LINES_KEPT = 10;
    private static final Duration POLITE_EXIT = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final Duration SWEEP_GRACE = Duration.ofSeconds(3);

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final Deque<String> lastStderr = new ArrayDeque<>();
    private final Thread stderrPump;
    private final PrintStream log = System.err;
    private final Thread watchdogStarter;
    private volatile GroupWatchdog watchdog;
    private volatile boolean closed;

    /**
     * Starts the child process.
     *
     * @param logName prefix of the child's stderr lines, e.g. the server name
     * @throws UpstreamStartException when the command cannot be started
     */
    public StdioUpstream(UpstreamTarget.Stdio target, String logName) {
        this.name = logName;
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().putAll(target.env());
        if (target.workingDirectory() != null) {
            builder.directory(target.workingDirectory().toFile());
        }
        try {
            if (GroupWatchdog.available()) {
                GroupWatchdog.requireExecutable(builder, target.command().get(0));
                builder.command(GroupWatchdog.inNewGroup(target.command()));
            } else {
                builder.command(target.command());
            }
            this.process = builder.start();
        } catch (IOException e) {
            throw new UpstreamStartException(
                    "could not start the server command '" + String.join(" ", target.command()) + "': "
                            + e.getMessage().strip() + ". Check that '"
                            + target.command().get(0)
                            + "' is installed and on PATH (desktop clients often start with a short PATH; "
                            + "give the full path)",
                    e);
        }
        this.stdin = process.getOutputStream();
        // started beside the rest of the proxy's startup: spawning it on this thread cost 20-40 ms of start time
        this.watchdogStarter = GroupWatchdog.available()
                ? Thread.ofPlatform()
                        .name("upstream-watchdog")
                        .daemon(true)
                        .start(() -> watchdog = startWatchdog(process))
                : null;
        this.stderrPump =
                Thread.ofPlatform().name("upstream-stderr").daemon(true).start(this::pumpStderr);
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void start(MessageListener listener) {
        Thread.ofPlatform().name("upstream-stdout").daemon(true).start(() -> pumpStdout(listener));
    }

    @Override
    public void send(String message) {
        if (closed) {
            throw new ChannelClosedException("the upstream server '" + name + "' is closed");
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        synchronized (stdin) {
            try {
                stdin.write(bytes);
                stdin.write('\n');
                stdin.flush();
            } catch (IOException e) {
                throw new ChannelClosedException(
                        "the upstream server '" + name + "' stopped reading its stdin: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ProcessTree.stop(process, this::closeStdin, POLITE_EXIT, STOP_GRACE);
        if (watchdogStarter != null) {
            try {
                watchdogStarter.join(SWEEP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            GroupWatchdog started = watchdog;
            if (started != null) {
                started.sweep(SWEEP_GRACE);
            }
        }
    }

    private GroupWatchdog startWatchdog(Process child) {
        try {
            return GroupWatchdog.watch(child.pid());
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "could not start the watchdog of the upstream server '" + name + "' (" + e.getMessage()
                            + "): if the proxy is killed, stop its processes by hand (process group "
                            + child.pid() + ")");
            return null;
        }
    }

    private void closeStdin() {
        synchronized (stdin) {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // the child is being stopped anyway
            }
        }
    }

    private void pumpStdout(MessageListener listener) {
        try (InputStream stdout = process.getInputStream()) {
            LineReader reader = new LineReader(stdout, 1 << 16);
            String line;
            while ((line = reader.readLine()) != null) {
                if (looksLikeJson(line)) {
                    listener.onMessage(line);
                } else if (!line.isBlank()) {
                    log.println("[" + name + "] (stdout, not JSON-RPC, not relayed) " + line);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "reading the upstream's stdout failed", e);
        }
        listener.onClosed(exitReason());
    }

    private String exitReason() {
        boolean exited;
        try {
            exited = process.waitFor(closed ? 10 : 2, TimeUnit.SECONDS);
            stderrPump.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = !process.isAlive();
        }
        StringBuilder reason = new StringBuilder("the upstream server '").append(name);
        if (!exited) {
            reason.append("' closed its stdout but is still running (pid ")
                    .append(process.pid())
                    .append(')');
        } else {
            int code = process.exitValue();
            reason.append("' exited with code ").append(code);
            if (code > 128) {
                reason.append(" (killed by signal ").append(code - 128).append(')');
            }
        }
        String stderr = lastStderrLines();
        if (!stderr.isEmpty()) {
            reason.append("; last stderr: ").append(stderr);
        }
        return reason.toString();
    }

    /** The exit code, or null while the process runs. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** The child's last stderr lines joined with {@code " | "}. */
    public String lastStderrLines() {
        synchronized (lastStderr) {
            return String.join(" | ", lastStderr);
        }
    }

    private void pumpStderr() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.println("[" + name + "] " + line);
                synchronized (lastStderr) {
                    lastStderr.addLast(line.length() > 500 ? line.substring(0, 500) + "..." : line);
                    if (lastStderr.size() > STDERR_LINES_KEPT) {
                        lastStderr.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "reading the upstream's stderr failed", e);
        }
    }

    private static boolean looksLikeJson(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }
}
