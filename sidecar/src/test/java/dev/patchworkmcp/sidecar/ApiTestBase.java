package dev.patchworkmcp.sidecar;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a test class once per {@link TestDatabase}, each test against its own real sidecar on a free loopback
 * port with a fresh database. Subclasses adjust the configuration with {@link #configure}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ApiTestBase {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    Sidecar sidecar;
    Api api;

    SidecarConfig configure(SidecarConfig config) {
        return config;
    }

    @BeforeEach
    void startSidecar() {
        sidecar = Sidecar.start(configure(database.config(dir)));
        api = Api.of(sidecar);
    }

    @AfterEach
    void stopSidecar() {
        if (sidecar != null) {
            sidecar.stop();
        }
    }
}
