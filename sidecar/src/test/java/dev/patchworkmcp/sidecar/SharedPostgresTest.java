package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.db.DatabaseConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SharedPostgresTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoSidecarsSharingOnePostgresBothSeeEveryReport() {
        String url = SharedPostgres.server().newDatabase();
        DatabaseConfig database = new DatabaseConfig(dir.resolve("unused.db"), url, "postgres", "", 4);
        Sidecar first =
                Sidecar.start(SidecarConfig.forTests(dir.resolve("a.db")).withDatabase(database));
        Sidecar second =
                Sidecar.start(SidecarConfig.forTests(dir.resolve("b.db")).withDatabase(database));
        try {
            Api a = Api.of(first);
            Api b = Api.of(second);
            String fromA = a.record(Reports.minimal("via first").toString());
            String fromB = b.record(Reports.minimal("via second").toString());
            a.post("/api/feedback/" + fromB + "/notes", "{\"content\": \"noted on first\"}");

            JsonNode seenByA = a.get("/api/feedback").json();
            JsonNode seenByB = b.get("/api/feedback").json();

            assertThat(seenByA).hasSize(2);
            assertThat(seenByB).hasSize(2);
            assertThat(seenByA.toString()).contains(fromA, fromB);
            assertThat(b.get("/api/feedback/" + fromB).json().get("notes")).hasSize(1);
            assertThat(b.with("Idempotency-Key", "same")
                            .post("/api/feedback", Reports.minimal("x").toString())
                            .status())
                    .isEqualTo(201);
            assertThat(a.with("Idempotency-Key", "same")
                            .post("/api/feedback", Reports.minimal("x").toString())
                            .status())
                    .isEqualTo(200);
        } finally {
            second.stop();
            first.stop();
        }
    }
}
