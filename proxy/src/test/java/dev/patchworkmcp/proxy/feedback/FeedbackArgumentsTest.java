package dev.patchworkmcp.proxy.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.contract.FeedbackToolContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared contract examples under {@code drop-ins/contract/examples} are the fixtures. */
class FeedbackArgumentsTest {

    private static final Path EXAMPLES = Path.of("../drop-ins/contract/examples");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FeedbackArguments arguments = new FeedbackArguments(FeedbackToolContract.load());

    static Stream<Path> valid() throws IOException {
        return list("valid");
    }

    static Stream<Path> invalid() throws IOException {
        return list("invalid");
    }

    private static Stream<Path> list(String folder) throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve(folder))) {
            List<Path> sorted = files.sorted().toList();
            assertThat(sorted).isNotEmpty();
            return sorted.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("valid")
    void acceptsEveryValidExampleKeepingTheAgentsFields(Path example) throws IOException {
        JsonNode body = JSON.readTree(example.toFile());

        JsonNode accepted = arguments.validate(body);

        assertThat(accepted.path("what_i_needed")).isEqualTo(body.path("what_i_needed"));
        assertThat(accepted.path("gap_type")).isEqualTo(body.path("gap_type"));
        assertThat(accepted.has("server_name")).as("not an agent field").isFalse();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesEveryInvalidExampleNamingTheField(Path example) throws IOException {
        JsonNode body = JSON.readTree(example.toFile());
        JsonNode expected = JSON.readTree(EXAMPLES.resolve("expected.json").toFile())
                .path("invalid")
                .path(example.getFileName().toString());
        String field = expected.path("field").isNull()
                ? "JSON object"
                : expected.path("field").asText();

        assertThatThrownBy(() -> arguments.validate(body))
                .isInstanceOf(InvalidFeedbackException.class)
                .hasMessageContaining(field);
    }
}
