package dev.patchworkmcp.sidecar.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sidecar against the contract's example payloads ({@code drop-ins/contract/examples}): it accepts every
 * valid example and stores what {@code expected.json} says, and rejects every invalid one with the documented
 * status, error code and field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContractExamplesTest {

    private static final String EXAMPLES = "/patchwork/contract/examples/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Sidecar sidecar;
    private JsonNode expected;

    @BeforeAll
    void start(@TempDir Path dir) {
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("feedback.db")));
        expected = readJson(EXAMPLES + "expected.json");
    }

    @AfterAll
    void stop() {
        if (sidecar != null) {
            sidecar.stop();
        }
    }

    Stream<String> validExamples() {
        return names(readJson(EXAMPLES + "expected.json").path("valid"));
    }

    Stream<String> invalidExamples() {
        return names(readJson(EXAMPLES + "expected.json").path("invalid"));
    }

    @Test
    void everyExampleFileHasAnExpectedAnswer() throws IOException {
        Path examples = Path.of("..", "drop-ins", "contract", "examples");
        for (String kind : List.of("valid", "invalid")) {
            try (Stream<Path> files = Files.list(examples.resolve(kind))) {
                List<String> names =
                        files.map(file -> file.getFileName().toString()).toList();
                assertThat(names)
                        .as(kind)
                        .containsExactlyInAnyOrderElementsOf(
                                names(expected.path(kind)).toList());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void acceptsValidExample(String name) throws Exception {
        JsonNode answer = expected.path("valid").path(name);

        HttpResponse<String> response = post(read(EXAMPLES + "valid/" + name));

        assertThat(response.statusCode())
                .as(response.body())
                .isEqualTo(answer.path("status").asInt());
        String id = JSON.readTree(response.body()).path("id").asText();
        JsonNode stored = JSON.readTree(get("/api/feedback/" + id).body());
        JsonNode sent = JSON.readTree(read(EXAMPLES + "valid/" + name));
        for (String field : List.of("server_name", "what_i_needed", "what_i_tried", "gap_type")) {
            assertThat(stored.path(field)).as(field).isEqualTo(sent.path(field));
        }
        for (Map.Entry<String, JsonNode> field : answer.path("stored").properties()) {
            assertThat(stored.path(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
        }
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void rejectsInvalidExampleWithTheDocumentedError(String name) throws Exception {
        JsonNode answer = expected.path("invalid").path(name);

        HttpResponse<String> response = post(read(EXAMPLES + "invalid/" + name));

        assertThat(response.statusCode())
                .as(response.body())
                .isEqualTo(answer.path("status").asInt());
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("code").asText()).isEqualTo(answer.path("code").asText());
        assertThat(error.path("field")).isEqualTo(answer.path("field"));
        assertThat(error.path("detail").asText()).isNotBlank();
        if (answer.has("allowed")) {
            assertThat(error.path("allowed")).isEqualTo(answer.path("allowed"));
        }
    }

    @Test
    void storesNothingForAnInvalidExample() throws Exception {
        for (String name : invalidExamples().toList()) {
            post(read(EXAMPLES + "invalid/" + name));
        }

        HttpResponse<String> list = get("/api/feedback?server_name=contract-invalid");

        assertThat(JSON.readTree(list.body())).isEmpty();
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri("/api/feedback"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + sidecar.port() + path);
    }

    private static Stream<String> names(JsonNode section) {
        List<String> names = new ArrayList<>();
        section.fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    private static JsonNode readJson(String resource) {
        try {
            return JSON.readTree(read(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = ContractExamplesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("classpath resource " + resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
