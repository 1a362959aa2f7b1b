package dev.patchworkmcp.proxy.wrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSpansTest {

    @Test
    void findsAValueAmongCommentsAndStringsThatLookLikeSyntax() {
        String text = """
                {
                  /* "servers": {"x": 1} */
                  "note": "a } and a // and a \\" quote",
                  "servers": { // the servers
                    "a": [1, {"b": "}"}],
                    "target": {"command": "x"},
                  },
                }
                """;

        String value = valueAt(text, "servers", "target");

        assertThat(value).isEqualTo("{\"command\": \"x\"}");
    }

    @Test
    void theLastOfDuplicateKeysCountsAsInTheParsedTree() {
        String text = "{\"servers\": {\"a\": 1, \"a\": {\"command\": \"second\"}}}";

        assertThat(valueAt(text, "servers", "a")).isEqualTo("{\"command\": \"second\"}");
    }

    @Test
    void keysWithEscapesAreMatchedByTheirValue() {
        String text = "\uFEFF{\"projects\": {\"C:\\\\Users\\\\ana\": {\"mcpServers\": {\"db\": true}}}}";

        assertThat(valueAt(text, "projects", "C:\\Users\\ana", "mcpServers", "db"))
                .isEqualTo("true");
    }

    @Test
    void findsNothingWhenTheKeyIsMissingOrTheTextIsNotJson() {
        assertThat(JsonSpans.find("{\"servers\": {}}", List.of("servers", "a"))).isEmpty();
        assertThat(JsonSpans.find("{\"servers\": {\"a\": ", List.of("servers", "a")))
                .isEmpty();
        assertThat(JsonSpans.find("[1, 2]", List.of("servers"))).isEmpty();
    }

    @Test
    void theIndentOfALineIsItsLeadingWhiteSpace() {
        String text = "{\n\t\t\"a\": {\"b\": 1}\n}";

        assertThat(JsonSpans.indentOfLine(text, text.indexOf("{\"b\""))).isEqualTo("\t\t");
    }

    private static String valueAt(String text, String... path) {
        JsonSpans.Span span = JsonSpans.find(text, List.of(path)).orElseThrow();
        return text.substring(span.start(), span.end());
    }
}
