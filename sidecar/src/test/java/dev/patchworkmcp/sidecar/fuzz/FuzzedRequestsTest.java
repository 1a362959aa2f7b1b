package dev.patchworkmcp.sidecar.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.Api;
import dev.patchworkmcp.sidecar.Api.Reply;
import dev.patchworkmcp.sidecar.RawHttp;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.http.AccessConfig;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends a bounded number of generated hostile requests ({@link HostileRequests}) to a real sidecar on SQLite and
 * checks the quality bar "fuzzed bad requests: only 4xx answers, never 5xx, database intact". Replay a failure
 * with {@code -Dfuzz.seed=<seed printed in the message>}; {@code -Dfuzz.requests} changes the count.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FuzzedRequestsTest {
    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 2_000);

    @TempDir
    Path dir;

    /** What the valid requests among the hostile ones changed: the reports that must be stored at the end. */
    private final Set<String> stored = new LinkedHashSet<>();

    private final List<String> failures = new ArrayList<>();

    @Test
    void answersEveryHostileRequestWithA4xxOrSuccessAndKeepsTheDatabaseIntact() throws Exception {
        Path db = dir.resolve("f.db");
        SidecarConfig base = SidecarConfig.forTests(db);
        Sidecar sidecar = Sidecar.start(base.withAccess(
                new AccessConfig(HostileRequests.INGEST, HostileRequests.ADMIN, List.of(), HostileRequests.MAX_BODY)));
        try {
            HostileRequests requests = new HostileRequests(new Random(SEED), sidecar.port());

            for (int i = 0; i < REQUESTS; i++) {
                HostileRequest request = requests.next(List.copyOf(stored));
                try {
                    check(i, request, send(sidecar, request));
                } catch (UncheckedIOException e) {
                    failures.add(
                            "no HTTP answer (" + e.getCause().getMessage() + "): #" + i + " " + request.describe());
                }
            }

            Api admin = Api.of(sidecar).bearer(HostileRequests.ADMIN);
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(failures).as(replay()).isEmpty();
            softly.assertThat(admin.get("/api/health").status()).as(replay()).isEqualTo(200);
            softly.assertThat(admin.get("/api/feedback?limit=1").header("X-Total-Count"))
                    .as(replay())
                    .isEqualTo(Integer.toString(stored.size()));
            softly.assertThat(storedIds(admin)).as(replay()).isEqualTo(stored);
            softly.assertAll();
        } finally {
            sidecar.stop();
        }
        assertThat(integrityCheck(db)).as(replay()).isEqualTo("ok");
    }

    private static Reply send(Sidecar sidecar, HostileRequest request) {
        return RawHttp.exchange(sidecar.port(), request.head(), request.body());
    }

    private void check(int index, HostileRequest request, Reply reply) {
        String where = "#" + index + " " + request.describe() + " -> " + reply.status() + " " + cut(reply.body());
        int status = reply.status();
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            failures.add("not 2xx/4xx: " + where);
            return;
        }
        if (status >= 400) {
            checkErrorShape(where, reply);
            return;
        }
        track(request, reply);
    }

    private void checkErrorShape(String where, Reply reply) {
        try {
            JsonNode body = Api.JSON.readTree(reply.body());
            if (body == null
                    || !body.path("detail").isTextual()
                    || body.path("detail").asText().isBlank()
                    || !body.path("code").isTextual()
                    || !body.has("field")) {
                failures.add("4xx without the error shape: " + where);
            }
        } catch (Exception e) {
            failures.add("4xx body is not JSON: " + where);
        }
    }

    /** Follows the successful requests that add or remove reports. */
    private void track(HostileRequest request, Reply reply) {
        // The server normalises paths ("//api//feedback", "/api/feedback;x=1"): any 201 but a note's is a report.
        if (request.method().equals("POST") && !request.path().contains("notes") && reply.status() == 201) {
            stored.add(reply.json().path("id").asText());
        }
        if (request.method().equals("DELETE") && reply.status() == 204) {
            String id = request.path().substring(request.path().lastIndexOf('/') + 1);
            if (!stored.remove(id)) {
                failures.add("deleted a report that was not stored: " + request.describe());
            }
        }
    }

    private static Set<String> storedIds(Api admin) {
        Set<String> ids = new HashSet<>();
        admin.get("/api/export?format=json")
                .json()
                .forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static String integrityCheck(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet result = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
            result.next();
            return result.getString(1);
        }
    }

    private String replay() {
        return "seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + " -Dfuzz.requests=" + REQUESTS + "); "
                + failures.size() + " failures, first ones: "
                + failures.stream().limit(20).toList();
    }

    private static String cut(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
