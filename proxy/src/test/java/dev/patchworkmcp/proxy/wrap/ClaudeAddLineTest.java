package dev.patchworkmcp.proxy.wrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ClaudeAddLineTest {

    @Test
    void quotesOnlyWordsThatNeedIt() {
        assertThat(ClaudeAddLine.quote("--name")).isEqualTo("--name");
        assertThat(ClaudeAddLine.quote("/a/b.json")).isEqualTo("/a/b.json");
        assertThat(ClaudeAddLine.quote("two words")).isEqualTo("'two words'");
        assertThat(ClaudeAddLine.quote("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
        assertThat(ClaudeAddLine.quote("")).isEqualTo("''");
    }

    @Test
    void secretHeaderValuesAreReplacedByAPlaceholder() throws Exception {
        ObjectNode wrapped = (ObjectNode)
                new ObjectMapper()
                        .readTree(
                                "{\"command\":\"/p/patchwork\",\"args\":[\"proxy\",\"--name\",\"api\",\"--url\","
                                        + "\"https://h/mcp\",\"--header\",\"Authorization: Bearer s3cret\",\"--header\",\"X-Team: core\"]}");

        String line = ClaudeAddLine.of("api", wrapped);

        assertThat(line)
                .isEqualTo("claude mcp add api -- /p/patchwork proxy --name api --url https://h/mcp "
                        + "--header 'Authorization: <your Authorization value>' --header 'X-Team: core'")
                .doesNotContain("s3cret");
    }
}
