package dev.patchworkmcp.sidecar.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.Api.Reply;
import dev.patchworkmcp.sidecar.RawHttp;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /mcp} under MCP 2026-07-28, message by message over raw HTTP: what the specification requires on the wire. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModernEraTest {
    private static final String ADMIN = "modern-admin";
    private static final String META = """
            "_meta":{"io.modelcontextprotocol/protocolVersion":"%s",
              "io.modelcontextprotocol/clientInfo":{"name":"raw","version":"1"},
              "io.modelcontextprotocol/clientCapabilities":{}}""";

    @TempDir
    Path dir;

    private Sidecar sidecar;

    @BeforeEach
    void start() {
        SidecarConfig config = SidecarConfig.forTests(dir.resolve("e.db"));
        sidecar = Sidecar.start(config.withAccess(config.access().withAdminKey(ADMIN)));
    }

    @AfterEach
    void stop() {
        sidecar.stop();
    }

    @Test
    void answersServerDiscoverWithItsVersionsCapabilitiesAndIdentity() {
        Reply reply = post("server/discover", "{" + meta("2026-07-28") + "}", headers("server/discover", null));

        JsonNode result = reply.json().path("result");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(result.path("resultType").asText()).isEqualTo("complete");
        assertThat(result.path("supportedVersions"))
                .extracting(JsonNode::asText)
                .containsExactly("2026-07-28");
        assertThat(result.path("capabilities").has("tools")).isTrue();
        assertThat(result.path("_meta")
                        .path("io.modelcontextprotocol/serverInfo")
                        .path("name")
                        .asText())
                .isEqualTo("patchwork-triage");
        assertThat(result.path("instructions").asText()).contains("list_clusters");
        assertThat(result.path("ttlMs").isIntegralNumber()).isTrue();
        assertThat(result.path("cacheScope").asText()).isEqualTo("private");
    }

    @Test
    void listsToolsAndCallsOneWithTheFieldsTheNewEraRequires() {
        Reply list = post("tools/list", "{" + meta("2026-07-28") + "}", headers("tools/list", null));
        Reply call = post(
                "tools/call",
                "{" + meta("2026-07-28") + ",\"name\":\"get_cluster\",\"arguments\":{\"cluster_id\":\"nope\"}}",
                headers("tools/call", "get_cluster"));

        JsonNode tools = list.json().path("result");
        assertThat(tools.path("resultType").asText()).isEqualTo("complete");
        assertThat(tools.path("ttlMs").isIntegralNumber()).isTrue();
        assertThat(tools.path("cacheScope").asText()).isEqualTo("private");
        assertThat(tools.path("tools"))
                .extracting(tool -> tool.path("name").asText())
                .contains("list_clusters");
        JsonNode result = call.json().path("result");
        assertThat(result.path("resultType").asText()).isEqualTo("complete");
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.path("content").get(0).path("text").asText()).contains("'nope' was not found");
        assertThat(result.path("_meta").has("io.modelcontextprotocol/serverInfo"))
                .isTrue();
    }

    @Test
    void refusesAnUnknownVersionWithTheVersionsItSpeaks() {
        Reply reply = post("tools/list", "{" + meta("2099-01-01") + "}", headers("tools/list", null));

        assertThat(reply.status()).isEqualTo(400);
        JsonNode error = reply.json().path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32022);
        assertThat(error.path("data").path("supported"))
                .extracting(JsonNode::asText)
                .containsExactly("2026-07-28");
        assertThat(error.path("data").path("requested").asText()).isEqualTo("2099-01-01");
    }

    @Test
    void refusesMissingOrMismatchedRequestHeadersWithHeaderMismatch() {
        Map<String, String> noMethod = headers("tools/list", null);
        noMethod.remove("Mcp-Method");
        Map<String, String> wrongName = headers("tools/call", "list_clusters");

        Reply missing = post("tools/list", "{" + meta("2026-07-28") + "}", noMethod);
        Reply mismatch =
                post("tools/call", "{" + meta("2026-07-28") + ",\"name\":\"get_cluster\",\"arguments\":{}}", wrongName);

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").path("code").asInt()).isEqualTo(-32020);
        assertThat(missing.json().path("error").path("message").asText()).contains("Mcp-Method");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().path("error").path("message").asText())
                .contains("'list_clusters'")
                .contains("'get_cluster'");
    }

    @Test
    void answersAnUnknownMethodWith404AndMethodNotFound() {
        Reply reply = post("no/such", "{" + meta("2026-07-28") + "}", headers("no/such", null));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("error").path("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void leavesRequestsOfTheOlderEraAsTheyWere() {
        Reply reply = post("tools/list", "{}", Map.of());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("result").has("resultType")).isFalse();
        assertThat(reply.json().path("result").has("ttlMs")).isFalse();
    }

    private static String meta(String version) {
        return META.formatted(version);
    }

    private static Map<String, String> headers(String method, String name) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("MCP-Protocol-Version", "2026-07-28");
        headers.put("Mcp-Method", method);
        if (name != null) {
            headers.put("Mcp-Name", name);
        }
        return headers;
    }

    private Reply post(String method, String params, Map<String, String> headers) {
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}")
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ")
                .append(ADMIN)
                .append("\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n");
        headers.forEach((header, value) ->
                head.append(header).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        return RawHttp.exchange(sidecar.port(), head.toString(), body);
    }
}
