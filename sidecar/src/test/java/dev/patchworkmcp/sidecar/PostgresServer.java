package dev.patchworkmcp.sidecar;

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
    static final Path BIN = Path.of(System.getProperty(
            "patchwork.postgres.bin",
            System.getenv().getOrDefault("PATCHWORK_POSTGRES_BIN", "/usr/lib/postgresql/15/bin")));

    private final Path dir;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server; fails (never skips) with a clear message when PostgreSQL is not installed. */
    static PostgresServer start() {
        if (!Files.isExecutable(BIN.resolve("pg_ctl")) || !Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL binaries are missing at " + BIN + ": the PostgreSQL tests need"
                    + " them. Install them with 'scripts/setup.sh postgresql' (Debian package postgresql-15), or point"
                    + " PATCHWORK_POSTGRES_BIN at a PostgreSQL bin directory.");
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

    @Override
    public void close() {
        try {
            run(asPostgres(List.of(
                    BIN.resolve("pg_ctl").toString(),
                    "-D",
                    dir.resolve("data").toString(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop")));
        } finally {
            deleteTree(dir);
        }
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
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        // rm -rf rather than Files.walk: the stopping server may still remove files while we walk
        run(List.of("rm", "-rf", root.toString()));
    }
}
