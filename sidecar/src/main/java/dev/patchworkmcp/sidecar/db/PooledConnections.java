package dev.patchworkmcp.sidecar.db;

import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import java.sql.Connection;
import java.sql.SQLException;

/** Hands Helidon's DB Client connections from a HikariCP pool. Thread-safe (HikariCP is). */
final class PooledConnections implements JdbcConnectionPool {
    private final HikariDataSource dataSource;
    private final String dbType;

    PooledConnections(HikariDataSource dataSource, String dbType) {
        this.dataSource = dataSource;
        this.dbType = dbType;
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("No database connection available from the pool: " + e.getMessage(), e);
        }
    }

    @Override
    public String dbType() {
        return dbType;
    }
}
