package dev.patchworkmcp.sidecar;

/**
 * The one PostgreSQL server of a test run, started on first use and stopped by a JVM shutdown hook when the
 * Surefire fork ends (JUnit has no "after all test classes" callback without a launcher listener).
 */
public final class SharedPostgres {
    private static PostgresServer server;

    private SharedPostgres() {}

    static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    /** A fresh empty database on the shared server, for tests outside this package; its JDBC URL (user postgres). */
    public static String newDatabase() {
        return server().newDatabase();
    }
}
