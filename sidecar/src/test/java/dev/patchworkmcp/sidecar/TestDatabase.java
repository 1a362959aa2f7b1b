package dev.patchworkmcp.sidecar;

import dev.patchworkmcp.sidecar.db.DatabaseConfig;
import java.nio.file.Path;

/** The databases every API test class runs against. */
enum TestDatabase {
    SQLITE {
        @Override
        SidecarConfig config(Path dir) {
            return SidecarConfig.forTests(dir.resolve("feedback.db"));
        }
    },
    POSTGRESQL {
        @Override
        SidecarConfig config(Path dir) {
            String url = SharedPostgres.server().newDatabase();
            return SidecarConfig.forTests(dir.resolve("unused.db"))
                    .withDatabase(new DatabaseConfig(dir.resolve("unused.db"), url, "postgres", "", 4));
        }
    };

    /** A fresh, empty database for one test, in {@code dir} where a file is needed. */
    abstract SidecarConfig config(Path dir);
}
