package dev.patchworkmcp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives the example server as a real child process over stdio with the SDK's client. */
class CostTrackerServerTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void servesItsToolsOverStdioAndTheScriptedAgentHitsTheGap() {
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();

        ScriptedAgent.Outcome outcome;
        try (McpSyncClient client = startServer()) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(Tool::name)
                    .containsExactly("get_costs", "get_usage_events", "list_services");
            outcome = new ScriptedAgent(client, new PrintStream(transcript, true, StandardCharsets.UTF_8))
                    .ask(DemoAgent.DEFAULT_RUN);
        }

        assertThat(outcome.matchingEvents()).isEqualTo(5);
        assertThat(outcome.cost()).isEqualByComparingTo(new BigDecimal("0.082602"));
        assertThat(outcome.scannedEvents()).isEqualTo(147);
        assertThat(outcome.calls()).isEqualTo(8);
        assertThat(outcome.reported()).isFalse();
        assertThat(transcript.toString(StandardCharsets.UTF_8))
                .contains("No tool takes a run_id or context filter")
                .contains("get_usage_events(run_id=run_7f3a9c) -> error:")
                .contains("has no 'feedback' tool");
    }

    private static McpSyncClient startServer() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters server = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), CostTrackerServer.class.getName())
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper()));
        transport.setStdErrorHandler(line -> {});
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .initializationTimeout(Duration.ofSeconds(30))
                .build();
    }
}
