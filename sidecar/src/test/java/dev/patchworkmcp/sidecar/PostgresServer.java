package dev.patchworkmcp.sidecar;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests, started from Debian's binaries in a temporary directory on a free
 * loopback port and stopped when the test run ends. As root, initdb and pg_ctl run as the {@code postgres} OS
 * user (they refuse root). Each test gets a fresh database from {@link #newDatabase()}. Thread-safe.
 */
final class PostgresServer implements AutoCloseable {
    static final Path BIN = binDirectory();

    private final Path dir;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * The {@code patchwork.postgres.bin} property, else {@code PATCHWORK_POSTGRES_BIN}, else what
     * {@code scripts/setup.sh --postgres-bin} prints: the newest version installed, found as the setup script finds
     * it. Empty when none is found; {@link #start()} then fails with the next step.
     */
    private static Path binDirectory() {
        String given = System.getProperty("patchwork.postgres.bin", System.getenv("PATCHWORK_POSTGRES_BIN"));
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path setup = setupScript();
        if (setup == null) {
            return Path.of("");
        }
        try {
            Path output = Files.createTempFile("patchwork-pg-bin", ".txt");
            try {
                Process process = new ProcessBuilder("bash", setup.toString(), "--postgres-bin")
                        .redirectOutput(output.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Path.of("");
                }
                return process.exitValue() == 0
                        ? Path.of(Files.readString(output).strip())
                        : Path.of("");
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + setup, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code scripts/setup.sh} of the checkout the tests run in (Maven runs them in a module directory). */
    private static Path setupScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path setup = dir.resolve("scripts/setup.sh");
            if (Files.isRegularFile(setup)) {
                return setup;
            }
        }
        return null;
    }

    /** Starts a server; fails (never skips) with a clear message when PostgreSQL is not installed. */
    static PostgresServer start() {
        if (!Files.isExecutable(BIN.resolve("pg_ctl")) || !Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("No PostgreSQL binaries found"
                    + (BIN.toString().isEmpty() ? " under /usr/lib/postgresql" : " at " + BIN)
                    + ": the PostgreSQL tests need them. Install them with 'scripts/setup.sh postgresql' (Debian"
                    + " package postgresql), or point PATCHWORK_POSTGRES_BIN at a PostgreSQL bin directory.");
        }
        try {
            Path dir = Files.createTempDirectory("patchwork-pg-");
            int port = freePort();
            if (isRoot()) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
            run(asPostgres(List.of(
                    BIN.resolve("initdb").toString(),
                    "-D",
                    dir.resolve("data").toString(),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync")));
            run(asPostgres(List.of(
                    BIN.resolve("pg_ctl").toString(),
                    "-D",
                    dir.resolve("data").toString(),
                    "-l",
                    dir.resolve("server.log").toString(),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start")));
            startWatchdog(dir);
            return new PostgresServer(dir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL for the tests", e);
        }
    }

    /** A new empty database; returns its JDBC URL (user {@code postgres}, no password). */
    String newDatabase() {
        String name = "patchwork_test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name, e);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Stops the server by signalling its postmaster (SIGTERM, then SIGKILL after 5 s) and deletes the directory.
     * Runs in a shutdown hook, so it avoids pg_ctl and stays well inside Surefire's 30 s exit limit.
     */
    @Override
    public void close() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid"))
                    .get(0)
                    .strip());
            ProcessHandle.of(pid).ifPresent(postmaster -> {
                postmaster.destroy();
                try {
                    postmaster.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    postmaster.destroyForcibly();
                }
            });
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgresServer: could not stop the test server in " + dir + ": " + e);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * A detached shell that outlives this JVM: once the JVM is gone (however it ended, even SIGKILL by Surefire),
     * it stops the server and deletes its directory, so no PostgreSQL is ever left behind.
     */
    private static void startWatchdog(Path dir) throws IOException {
        String stop = String.join(
                " ",
                asPostgres(List.of(
                        BIN.resolve("pg_ctl").toString(),
                        "-D",
                        dir.resolve("data").toString(),
                        "-m",
                        "immediate",
                        "-w",
                        "-t",
                        "30",
                        "stop")));
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; " + stop
                + "; rm -rf " + dir;
        new ProcessBuilder("setsid", "sh", "-c", script)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
    }

    private static List<String> asPostgres(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command) {
        run(command, 120);
    }

    /** Runs a command to completion; output goes to a file (a pipe could be held open by a daemon child). */
    private static void run(List<String> command, int timeoutSeconds) {
        try {
            Path output = Files.createTempFile("patchwork-pg-cmd", ".log");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("'" + String.join(" ", command) + "' did not finish within "
                            + timeoutSeconds + " s:\n" + Files.readString(output));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(
                            "'" + String.join(" ", command) + "' failed:\n" + Files.readString(output));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        // rm -rf rather than Files.walk: a just-stopped server may still remove files while we walk
        run(List.of("rm", "-rf", root.toString()), 15);
    }
}
