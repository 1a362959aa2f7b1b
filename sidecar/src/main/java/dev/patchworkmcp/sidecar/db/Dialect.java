package dev.patchworkmcp.sidecar.db;

import dev.patchworkmcp.sidecar.ConfigException;

/** The database products the sidecar supports; SQL that differs between them is chosen here. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String dbType;

    Dialect(String dbType) {
        this.dbType = dbType;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        throw new ConfigException("FEEDBACK_DB_URL must be a PostgreSQL JDBC URL such as "
                + "jdbc:postgresql://localhost:5432/patchwork (or jdbc:sqlite:<file>), got '" + jdbcUrl + "'");
    }

    public String dbType() {
        return dbType;
    }
}
