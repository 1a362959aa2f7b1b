package dev.patchworkmcp.sidecar.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The sidecar's database: a HikariCP pool behind Helidon's DB Client, migrated by Flyway on open. On SQLite,
 * writes from this process are serialised by a lock (SQLite allows one writer at a time; queueing here is
 * faster and fairer than retrying on {@code SQLITE_BUSY}), while {@code busy_timeout} still covers other
 * processes. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final HikariDataSource dataSource;
    private final DbClient client;
    private final Dialect dialect;
    private final ReentrantLock writeLock = new ReentrantLock(true);

    private Database(HikariDataSource dataSource, DbClient client, Dialect dialect) {
        this.dataSource = dataSource;
        this.client = client;
        this.dialect = dialect;
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(DatabaseConfig config) {
        Dialect dialect = config.external() ? Dialect.of(config.jdbcUrl()) : Dialect.SQLITE;
        if (!config.external()) {
            createParentDirectory(config.sqlitePath());
        }
        HikariDataSource dataSource = new HikariDataSource(hikariConfig(config, dialect));
        try {
            // db/migration holds the SQL both databases accept; db/dialect/<db> what only one of them has (text
            // search: FTS5 on SQLite, pg_trgm on PostgreSQL). Version ranges are shared out between features
            // (1-99 core, 100+ insight), so a lower version may arrive after a higher one: outOfOrder applies it.
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration", "classpath:db/dialect/" + dialect.dbType())
                    .outOfOrder(true)
                    .load()
                    .migrate();
            if (dialect == Dialect.SQLITE) {
                refreshPlannerStatistics(dataSource);
            }
            DbClient client = JdbcClientBuilder.create()
                    .connectionPool(new PooledConnections(dataSource, dialect.dbType()))
                    .build();
            LOG.log(System.Logger.Level.INFO, "Database ready: {0}", config);
            return new Database(dataSource, client, dialect);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** Lets SQLite's planner pick the right index among the filter indexes (bounded work, see the SQLite docs). */
    private static void refreshPlannerStatistics(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA analysis_limit=1000");
            statement.execute("PRAGMA optimize=0x10002");
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not refresh SQLite planner statistics: {0}", e.getMessage());
        }
    }

    private static HikariConfig hikariConfig(DatabaseConfig config, Dialect dialect) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.effectiveUrl());
        hikari.setPoolName("patchwork-" + dialect.dbType());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        if (dialect == Dialect.SQLITE) {
            // sqlite-jdbc applies these pragmas to every new connection.
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("busy_timeout", "5000");
            hikari.addDataSourceProperty("foreign_keys", "true");
            hikari.addDataSourceProperty("synchronous", "NORMAL");
            // Memory-mapped reads keep the 11 indexes of a large feedback table in memory without a copy per
            // connection; the page cache (8 MiB per connection) then holds mostly written pages and the part of a
            // file beyond the map. 32 MiB measured no faster at 1,000,000 reports, and the sidecar's native memory
            // kept growing with it for 20 minutes of load (bench/README.md, "Soak").
            hikari.addDataSourceProperty("cache_size", "-8192");
            hikari.addDataSourceProperty("mmap_size", "268435456");
            hikari.addDataSourceProperty("temp_store", "MEMORY");
        } else {
            if (!config.user().isEmpty()) {
                hikari.setUsername(config.user());
            }
            if (!config.password().isEmpty()) {
                hikari.setPassword(config.password());
            }
        }
        return hikari;
    }

    private static void createParentDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create the directory " + parent + " for the SQLite file " + file
                            + "; set FEEDBACK_DB_PATH to a writable location.",
                    e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs reads; no lock, WAL readers never block writers. */
    public <T> T read(Function<DbExecute, T> work) {
        return work.apply(client.execute());
    }

    /** Runs one write statement (or several, each committed on its own). */
    public <T> T write(Function<DbExecute, T> work) {
        return locked(() -> work.apply(client.execute()));
    }

    /** Runs several statements in one transaction, committed when {@code work} returns, rolled back if it throws. */
    public <T> T transaction(Function<DbTransaction, T> work) {
        return locked(() -> {
            DbTransaction tx = client.transaction();
            try {
                T result = work.apply(tx);
                tx.commit();
                return result;
            } catch (RuntimeException | Error e) {
                tx.rollback();
                throw e;
            }
        });
    }

    private <T> T locked(Supplier<T> work) {
        if (dialect != Dialect.SQLITE) {
            return work.get();
        }
        writeLock.lock();
        try {
            return work.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Raw JDBC access for bulk work (benchmark seeding, streaming export). */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        client.close();
        dataSource.close();
    }
}
