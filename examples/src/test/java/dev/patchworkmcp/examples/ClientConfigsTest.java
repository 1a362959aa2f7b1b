package dev.patchworkmcp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.proxy.wrap.ClientKind;
import dev.patchworkmcp.proxy.wrap.ConfigRewriter;
import dev.patchworkmcp.proxy.wrap.EntryChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ready-made client entries in {@code examples/clients/} run the example through the proxy. */
class ClientConfigsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "claude-desktop.json, claude-desktop",
        "claude-code.mcp.json, claude-code",
        "cursor.json, cursor",
        "vscode.json, vscode"
    })
    void everyReadyEntryAlreadyRunsThroughTheProxy(String file, String client) {
        ConfigRewriter rewriter = new ConfigRewriter("/path/to/patchworkmcp/patchwork");
        ConfigRewriter.Target target =
                new ConfigRewriter.Target(Path.of("clients", file), Optional.of(ClientKind.fromId(client)));

        ConfigRewriter.Plan wrap = rewriter.plan(target, ConfigRewriter.Mode.WRAP, Set.of());
        ConfigRewriter.Plan unwrap = rewriter.plan(target, ConfigRewriter.Mode.UNWRAP, Set.of());

        assertThat(wrap.changed()).isFalse();
        assertThat(wrap.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.name()).isEqualTo(CostTrackerServer.NAME);
            assertThat(entry.change()).isInstanceOf(EntryChange.Unchanged.class);
        });
        JsonNode direct = unwrap.entries().getFirst().after();
        assertThat(direct.path("command").asText()).isEqualTo("java");
        assertThat(texts(direct.path("args"))).hasSize(2).first().isEqualTo("-jar");
        assertThat(texts(direct.path("args")).get(1)).endsWith("/examples/target/patchwork-examples.jar");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
