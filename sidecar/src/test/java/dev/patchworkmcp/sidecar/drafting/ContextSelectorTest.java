package dev.patchworkmcp.sidecar.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.drafting.context.ContextBudget;
import dev.patchworkmcp.sidecar.drafting.context.ContextSelector;
import dev.patchworkmcp.sidecar.drafting.context.DraftContext;
import dev.patchworkmcp.sidecar.drafting.context.FileScorer;
import dev.patchworkmcp.sidecar.drafting.context.ShownFile;
import dev.patchworkmcp.sidecar.drafting.repository.RepoFile;
import dev.patchworkmcp.sidecar.drafting.repository.RepoSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextSelectorTest {
    private final List<String> details = new ArrayList<>();
    private final DraftProgress progress = new DraftProgress() {
        @Override
        public void step(String message) {}

        @Override
        public void detail(String message) {
            details.add(message);
        }
    };

    private DraftContext select(Map<String, String> files, ContextBudget budget) {
        List<RepoFile> entries = files.entrySet().stream()
                .map(e -> new RepoFile(e.getKey(), "100644", e.getValue().length()))
                .toList();
        RepoSnapshot snapshot = new RepoSnapshot("main", "abc", entries, false, false);
        return new ContextSelector(budget)
                .select(
                        Fixtures.subject(),
                        snapshot,
                        (s, path) -> files.get(path).getBytes(StandardCharsets.UTF_8),
                        progress);
    }

    @Test
    void findsToolRegistrationsInEveryDropInLanguage() {
        FileScorer scorer = new FileScorer("x", List.of());

        assertThat(scorer.contentScore("@mcp.tool()\ndef f(): ...").score()).isPositive();
        assertThat(scorer.contentScore("server.tool('echo', {}, async () => {})")
                        .score())
                .isPositive();
        assertThat(scorer.contentScore("server.registerTool('echo', spec, cb)").score())
                .isPositive();
        assertThat(scorer.contentScore("tool := mcp.NewTool(\"echo\")").score()).isPositive();
        assertThat(scorer.contentScore("#[tool(description = \"echo\")]\nasync fn echo()")
                        .score())
                .isPositive();
        assertThat(scorer.contentScore("new McpServerFeatures.SyncToolSpecification(tool, handler)")
                        .score())
                .isPositive();
        assertThat(scorer.contentScore("print('hello world')").score()).isZero();
    }

    @Test
    void skipsVendoredTreesBySegmentNotBySubstring() {
        FileScorer scorer = new FileScorer("x", List.of());

        assertThat(scorer.eligible(new RepoFile("node_modules/a/index.js", "100644", 10)))
                .isFalse();
        assertThat(scorer.eligible(new RepoFile("pkg/build/tools.py", "100644", 10)))
                .isFalse();
        assertThat(scorer.eligible(new RepoFile("rebuild/tools.py", "100644", 10)))
                .isTrue();
        assertThat(scorer.eligible(new RepoFile("mydist/server.go", "100644", 10)))
                .isTrue();
        assertThat(scorer.eligible(new RepoFile("api/service.pb.go", "100644", 10)))
                .isFalse();
        assertThat(scorer.eligible(new RepoFile("logo.png", "100644", 10))).isFalse();
    }

    @Test
    void ranksTheFileRegisteringToolsFirstWhateverTheLanguage() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/helpers.rs", "pub fn add(a: i32) -> i32 { a }\n");
        files.put(
                "src/main.rs", "use rmcp::ServerHandler;\n#[tool_router]\nimpl Weather {\n #[tool]\n fn now() {}\n}\n");
        files.put("src/strings.rs", "pub fn trim() {}\n");

        DraftContext context = select(files, ContextBudget.defaults());

        assertThat(context.files().getFirst().path()).isEqualTo("src/main.rs");
    }

    @Test
    void showsSmallFilesWholeAndMarksTheRest() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/weather_mcp/server.py", Fixtures.SERVER_PY);
        StringBuilder big = new StringBuilder("import os\n");
        for (int i = 2; i <= 3000; i++) {
            big.append(i == 2000 ? "@mcp.tool()\n" : "x_" + i + " = " + i + "\n");
        }
        files.put("src/weather_mcp/big_tools.py", big.toString());

        DraftContext context = select(files, new ContextBudget(8_000, 10, 10, 5, 100));

        ShownFile server = context.shown("src/weather_mcp/server.py").orElseThrow();
        ShownFile excerpt = context.shown("src/weather_mcp/big_tools.py").orElseThrow();
        assertThat(server.whole()).isTrue();
        assertThat(excerpt.whole()).isFalse();
        assertThat(excerpt.extent())
                .contains("lines 1-30")
                .contains("1995-2005")
                .contains("of 3000");
        assertThat(excerpt.rendered()).contains("  2000| @mcp.tool()");
        assertThat(excerpt.content()).isEqualTo(big.toString());
        assertThat(details).anyMatch(d -> d.contains("big_tools.py as an excerpt"));
    }

    @Test
    void saysWhichFilesDidNotFit() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/server.py", "@mcp.tool()\n" + "x = 1\n".repeat(100));
        files.put("src/tools.py", "@mcp.tool()\n" + "y = 2\n".repeat(100));

        DraftContext context = select(files, new ContextBudget(1_200, 10, 10, 5, 100));

        assertThat(context.files()).hasSize(1);
        assertThat(details).anyMatch(d -> d.startsWith("  not shown: ") && d.contains("over the budget"));
    }

    @Test
    void listsOnlyEligibleFilesInTheRepositoryListing() {
        DraftContext context = select(Fixtures.repository(), ContextBudget.defaults());

        assertThat(context.listing()).contains("src/weather_mcp/server.py", "README.md");
        assertThat(context.listing()).noneMatch(path -> path.startsWith("node_modules/") || path.startsWith("build/"));
    }
}
