package dev.patchworkmcp.sidecar.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void neverShowsThePasswordFieldInItsText() {
        DatabaseConfig config =
                new DatabaseConfig(Path.of("f.db"), "jdbc:postgresql://db/patchwork", "app", "s3cret-field", 4);

        assertThat(config.toString()).doesNotContain("s3cret-field").contains("password=****");
    }

    @Test
    void masksCredentialsCarriedInTheJdbcUrl() {
        DatabaseConfig query = new DatabaseConfig(
                Path.of("f.db"), "jdbc:postgresql://db/patchwork?user=app&password=s3cret-query&ssl=true", "", "", 4);
        DatabaseConfig userInfo =
                new DatabaseConfig(Path.of("f.db"), "jdbc:postgresql://app:s3cret-info@db/patchwork", "", "", 4);

        assertThat(query.toString()).doesNotContain("s3cret-query").contains("ssl=true");
        assertThat(userInfo.toString()).doesNotContain("s3cret-info").contains("@db/patchwork");
    }
}
