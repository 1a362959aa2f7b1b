package dev.patchworkmcp.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.contract.FeedbackToolContract;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drop-in's embedded tool definition and report building, without any network. */
class FeedbackToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void embeddedDefinitionEqualsTheContract() {
        FeedbackToolContract contract = FeedbackToolContract.load();

        JsonNode schema = JSON.valueToTree(FeedbackTool.inputSchema(McpJsonDefaults.getMapper()));

        assertThat(FeedbackTool.NAME).isEqualTo(contract.name());
        assertThat(FeedbackTool.TITLE).isEqualTo(contract.title());
        assertThat(FeedbackTool.DESCRIPTION).isEqualTo(contract.description());
        assertThat(schema).isEqualTo(contract.inputSchema());
    }

    @Test
    void optionsStripTrailingSlashesAndDefaultToLoopback() {
        assertThat(new FeedbackTool.Options("http://127.0.0.1:9000//", null, null).sidecarUrl())
                .isEqualTo("http://127.0.0.1:9000");
        assertThat(new FeedbackTool.Options(" ", null, null).sidecarUrl()).isEqualTo("http://127.0.0.1:8099");
    }

    @Test
    void reportSendsAnEmptyToolListAsAnArrayAndDefaultsGapTypeToOther() {
        FeedbackTool tool = FeedbackTool.of("srv", new FeedbackTool.Options(null, null, dir.resolve("spool")));

        Map<String, Object> report = tool.report(Map.of("what_i_needed", "x", "what_i_tried", "y"));

        assertThat(report)
                .containsEntry("server_name", "srv")
                .containsEntry("gap_type", "other")
                .containsEntry("tools_available", List.of())
                .containsEntry("source", "dropin-java")
                .containsKey("idempotency_key");
    }

    @Test
    void reportSplitsACommaSeparatedToolList() {
        FeedbackTool tool = FeedbackTool.of("srv", new FeedbackTool.Options(null, null, dir.resolve("spool")));

        Map<String, Object> report = tool.report(Map.of("tools_available", "a, b,,c", "gap_type", "missing_tool"));

        assertThat(report).containsEntry("tools_available", List.of("a", "b", "c"));
    }
}
