package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BindSafetyTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void refusesToListenBeyondLoopbackWithoutAnAdminKey() {
        SidecarConfig config = SidecarConfig.forTests(dir.resolve("f.db")).withHost("0.0.0.0");

        assertThatThrownBy(() -> Sidecar.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FEEDBACK_ADMIN_KEY");
    }
}
