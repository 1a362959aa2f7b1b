package dev.patchworkmcp.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Call records travel from an agent's session through the real proxy, in front of the real server-everything,
 * into a real sidecar: one record per relayed request, with the outcome the client saw, and the sidecar infers a
 * gap from them.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CallRecordsEndToEndTest {

    private static final String SERVER = "everything-calls";

    @TempDir
    Path temp;

    private Sidecar sidecar;

    @BeforeAll
    static void installPeers() throws Exception {
        NodePeers.install();
    }

    @BeforeEach
    void startSidecar() {
        sidecar = Sidecar.start(SidecarConfig.forTests(temp.resolve("sidecar.db")));
    }

    @AfterEach
    void stopSidecar() {
        sidecar.stop();
    }

    private JsonRpcPeer startProxy(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--name",
                SERVER,
                "--sidecar",
                SidecarApi.url(sidecar),
                "--outbox",
                temp.resolve("outbox").toString()));
        args.addAll(List.of(extra));
        return JsonRpcPeer.start(
                ProxyLauncher.command(args, NodePeers.everything()), Files.createTempFile(temp, "proxy", ".err"));
    }

    @Test
    void recordsEachRelayedCallWithTheOutcomeTheClientSaw() throws Exception {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        try (JsonRpcPeer proxy = startProxy()) {
            proxy.initialize(null);
            proxy.request("tools/list", null);
            answers.put("echo", proxy.request("tools/call", call("echo", "{\"message\":\"hi\"}")));
            answers.put("get-sum", proxy.request("tools/call", call("get-sum", "{\"a\":\"x\"}")));
            answers.put("search_orders", proxy.request("tools/call", call("search_orders", "{\"email\":\"a@b\"}")));
            proxy.closeStdin();

            List<Map<String, Object>> rows = awaitRows(
                    "SELECT method, tool, outcome, error_code, error_message, client_name, client_version,"
                            + " protocol_version, session_id, arguments_bytes, result_bytes, redacted_values"
                            + " FROM calls WHERE server_name = '" + SERVER + "' ORDER BY started_at, seq",
                    5);

            assertThat(rows)
                    .extracting(row -> row.get("method"))
                    .containsExactly("initialize", "tools/list", "tools/call", "tools/call", "tools/call");
            assertThat(rows.get(0).get("client_name")).isEqualTo("raw-test-client");
            assertThat(rows.get(0).get("client_version")).isEqualTo("1.2.3");
            assertThat(rows)
                    .extracting(row -> row.get("session_id"))
                    .doesNotContainNull()
                    .containsOnly(rows.get(0).get("session_id"));
            assertThat(rows).extracting(row -> row.get("redacted_values")).containsOnlyNulls();
            Map<String, Object> echo = rows.get(2);
            assertThat(echo.get("tool")).isEqualTo("echo");
            assertThat(echo.get("outcome")).isEqualTo("ok");
            assertThat(echo.get("protocol_version")).isEqualTo("2025-06-18");
            assertThat(((Number) echo.get("arguments_bytes")).intValue()).isEqualTo("{\"message\":\"hi\"}".length());
            assertThat(((Number) echo.get("result_bytes")).intValue())
                    .isEqualTo(answers.get("echo").path("result").toString().length());
            assertOutcomeAsSeen(rows.get(3), answers.get("get-sum"));
            assertOutcomeAsSeen(rows.get(4), answers.get("search_orders"));
            assertThat(rows.get(4).get("tool")).isEqualTo("search_orders");
            assertThat(rows.get(4).get("outcome")).isNotEqualTo("ok");
        }
    }

    /** A call still waiting when the server dies is recorded with the error its client got. */
    @Test
    void aCallPendingWhenTheServerDiesIsRecordedWithTheErrorTheClientGot() throws Exception {
        try (JsonRpcPeer proxy = startProxy()) {
            proxy.initialize(null);
            ObjectNode longCall = RelayFidelityTest.call(
                    "trigger-long-running-operation",
                    JsonRpcPeer.JSON.createObjectNode().put("duration", 60).put("steps", 60));
            longCall.putObject("_meta").put("progressToken", "p");
            proxy.sendRequest(71, "tools/call", longCall);
            proxy.await(m -> "notifications/progress".equals(m.path("method").asText()));

            proxy.process().toHandle().children().findFirst().orElseThrow().destroyForcibly();
            JsonNode error = proxy.await(m -> m.path("id").asInt() == 71 && m.has("error"));
            proxy.closeStdin();

            Map<String, Object> row = awaitRows(
                            "SELECT outcome, error_code, error_message FROM calls WHERE server_name = '" + SERVER
                                    + "' AND tool = 'trigger-long-running-operation'",
                            1)
                    .get(0);
            assertThat(row.get("outcome")).isEqualTo("rpc_error");
            assertThat(((Number) row.get("error_code")).intValue())
                    .isEqualTo(error.path("error").path("code").asInt());
            assertThat((String) row.get("error_message")).contains("not running");
        }
    }

    @Test
    void sendsTheAdvertisedToolsSoUnusedOnesShowWithNoCalls() throws Exception {
        try (JsonRpcPeer proxy = startProxy()) {
            proxy.initialize(null);
            proxy.request("tools/list", null);
            proxy.request("tools/call", call("echo", "{\"message\":\"hi\"}"));
            proxy.closeStdin();
            awaitRows("SELECT tool FROM calls WHERE server_name = '" + SERVER + "'", 3);

            JsonNode tools = adminGet("/api/tools?server_name=" + SERVER);

            Map<String, JsonNode> byName = new LinkedHashMap<>();
            tools.forEach(row -> byName.put(row.path("tool").asText(), row));
            assertThat(byName).containsKeys("echo", "get-sum").doesNotContainKey("feedback");
            assertThat(byName.get("echo").path("calls").asInt()).isEqualTo(1);
            assertThat(byName.get("get-sum").path("calls").asInt()).isZero();
            assertThat(byName.get("get-sum").path("advertised").asBoolean()).isTrue();
        }
    }

    @Test
    void aCallToAToolThatDoesNotExistBecomesAnInferredMissingToolReport() throws Exception {
        try (JsonRpcPeer proxy = startProxy()) {
            proxy.initialize(null);
            proxy.request("tools/list", null);
            proxy.request("tools/call", call("search_orders", "{\"email\":\"a@b\"}"));
            proxy.closeStdin();

            JsonNode items = SidecarApi.awaitFeedback(sidecar, SERVER, found -> found.size() == 1);

            JsonNode item = items.get(0);
            String session = (String) awaitRows("SELECT session_id FROM calls WHERE tool = 'search_orders'", 1)
                    .get(0)
                    .get("session_id");
            assertThat(item.path("source").asText()).isEqualTo("inferred");
            assertThat(item.path("gap_type").asText()).isEqualTo("missing_tool");
            assertThat(item.path("session_id").asText()).isEqualTo(session);
            assertThat(item.path("context").path("inference").path("rule").asText())
                    .isEqualTo("missing_tool");
            assertThat(item.path("context").path("inference").path("tool").asText())
                    .isEqualTo("search_orders");
        }
    }

    @Test
    void sendsNoRecordsWhenTurnedOff() throws Exception {
        JsonRpcPeer proxy = startProxy("--call-records", "off");
        proxy.initialize(null);
        proxy.request("tools/call", call("echo", "{\"message\":\"hi\"}"));

        proxy.close();

        assertThat(rows("SELECT * FROM calls")).isEmpty();
    }

    @Test
    void sendsArgumentValuesOnlyWhenAskedAndTheSidecarMasksThem() throws Exception {
        String token = "ghp_" + "a".repeat(36);
        try (JsonRpcPeer proxy = startProxy("--call-records", "values")) {
            proxy.initialize(null);
            proxy.request("tools/call", call("echo", "{\"message\":\"" + token + "\"}"));
            proxy.closeStdin();

            List<Map<String, Object>> rows =
                    awaitRows("SELECT redacted_values FROM calls WHERE method = 'tools/call'", 1);

            String values = (String) rows.get(0).get("redacted_values");
            assertThat(values)
                    .contains("\"message\"")
                    .contains("[REDACTED:github-token]")
                    .doesNotContain(token);
        }
    }

    private static void assertOutcomeAsSeen(Map<String, Object> row, JsonNode answer) {
        if (answer.has("error")) {
            assertThat(row.get("outcome")).isEqualTo("rpc_error");
            assertThat(((Number) row.get("error_code")).intValue())
                    .isEqualTo(answer.path("error").path("code").asInt());
            assertThat(row.get("error_message"))
                    .isEqualTo(answer.path("error").path("message").asText());
        } else {
            assertThat(answer.path("result").path("isError").asBoolean()).isTrue();
            assertThat(row.get("outcome")).isEqualTo("tool_error");
            assertThat(row.get("error_code")).isNull();
            assertThat(row.get("error_message"))
                    .isEqualTo(answer.path("result")
                            .path("content")
                            .get(0)
                            .path("text")
                            .asText());
        }
    }

    private static JsonNode call(String tool, String arguments) throws Exception {
        return RelayFidelityTest.call(tool, JsonRpcPeer.JSON.readTree(arguments));
    }

    private JsonNode adminGet(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(SidecarApi.url(sidecar) + path))
                                .timeout(java.time.Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonRpcPeer.JSON.readTree(response.body());
    }

    /** Polls the sidecar's SQLite file until the query answers at least {@code count} rows. */
    private List<Map<String, Object>> awaitRows(String sql, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<Map<String, Object>> rows = rows(sql);
            if (rows.size() >= count) {
                return rows;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " rows within 60 s from " + sql + ", got " + rows);
            }
            Object pause = new Object();
            synchronized (pause) {
                pause.wait(100);
            }
        }
    }

    private List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("sidecar.db"));
                ResultSet result = db.createStatement().executeQuery(sql)) {
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.put(result.getMetaData().getColumnName(i), result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
