package dev.patchworkmcp.sidecar;

import java.nio.file.Path;

/** The databases every API test class runs against. */
enum TestDatabase {
    SQLITE {
        @Override
        SidecarConfig config(Path dir) {
            return SidecarConfig.forTests(dir.resolve("feedback.db"));
        }
    };

    /** A fresh, empty database for one test, in {@code dir} where a file is needed. */
    abstract SidecarConfig config(Path dir);
}
