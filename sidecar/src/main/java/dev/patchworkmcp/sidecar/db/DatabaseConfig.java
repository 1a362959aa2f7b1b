package dev.patchworkmcp.sidecar.db;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the sidecar keeps its data: an SQLite file (the default) or, when {@code jdbcUrl} is set, a PostgreSQL
 * database shared by several sidecars. Immutable; {@link #toString()} never shows the password.
 */
public record DatabaseConfig(Path sqlitePath, String jdbcUrl, String user, String password, int poolSize) {

    public DatabaseConfig {
        Objects.requireNonNull(sqlitePath, "sqlitePath");
        jdbcUrl = jdbcUrl == null ? "" : jdbcUrl.strip();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 1) {
            throw new IllegalArgumentException("The database pool size must be at least 1, got " + poolSize);
        }
    }

    /** An SQLite database in the given file. */
    public static DatabaseConfig sqlite(Path file) {
        return new DatabaseConfig(file, "", "", "", 8);
    }

    /** True when a JDBC URL was given; the sidecar then uses it instead of the SQLite file. */
    public boolean external() {
        return !jdbcUrl.isEmpty();
    }

    /** The JDBC URL actually used. */
    public String effectiveUrl() {
        return external() ? jdbcUrl : "jdbc:sqlite:" + sqlitePath.toAbsolutePath();
    }

    @Override
    public String toString() {
        // A JDBC URL may carry credentials too (?password=..., user:password@host).
        String url = effectiveUrl()
                .replaceAll("(?i)(password=)[^&;]*", "$1****")
                .replaceAll("(//[^/:@]*:)[^/@]*@", "$1****@");
        return "DatabaseConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "****")
                + ", poolSize=" + poolSize + "]";
    }
}
