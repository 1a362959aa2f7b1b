package dev.patchworkmcp.sidecar.insight;

import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.drafting.Answers;
import dev.patchworkmcp.sidecar.drafting.DraftEndpoints;
import dev.patchworkmcp.sidecar.drafting.DraftingConfig;
import dev.patchworkmcp.sidecar.drafting.FakeLlm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The real drafting flow for cluster tests, with only the LLM replaced: a local git repository in a temp dir as
 * the target and a fake Anthropic API on loopback that proposes one new file. The sidecar is configured with the
 * fake's base URL; drafting is turned on by setting the provider key and the repository in its settings.
 */
public final class DraftingFixture implements AutoCloseable {
    private final Path repository;
    private final FakeLlm model;

    private DraftingFixture(Path repository, FakeLlm model) {
        this.repository = repository;
        this.model = model;
    }

    /** A git repository with one commit under {@code dir}, and the fake model. */
    public static DraftingFixture create(Path dir) throws IOException, GitAPIException {
        Path repository = Files.createDirectories(dir.resolve("server-repo"));
        Files.writeString(repository.resolve("README.md"), "# costs-mcp\n");
        Files.writeString(repository.resolve("server.py"), "def get_costs():\n    return []\n");
        try (Git git = Git.init()
                .setDirectory(repository.toFile())
                .setInitialBranch("main")
                .call()) {
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("initial")
                    .setAuthor("test", "test@example.com")
                    .setCommitter("test", "test@example.com")
                    .call();
        }
        return new DraftingFixture(repository, FakeLlm.anthropic());
    }

    /** {@code config} with Anthropic's base URL pointing at the fake model; drafting stays unconfigured. */
    public SidecarConfig configure(SidecarConfig config) {
        return config.withDrafting(new DraftingConfig(new DraftEndpoints("", model.baseUrl(), ""), ""));
    }

    /** Configures drafting in {@code sidecar}'s settings; the model will answer {@code drafts} drafts. */
    public void enable(Sidecar sidecar, int drafts) {
        for (int i = 0; i < drafts; i++) {
            model.answer(Answers.answer()
                    .create("docs/date-range.md", "get_costs needs dates\n")
                    .json());
        }
        sidecar.parts()
                .settings()
                .update(Map.of(
                        "llm_provider", "anthropic",
                        "anthropic_api_key", "test-key",
                        "repo_path", repository.toString()));
    }

    /** How many times the model was asked for a draft. */
    public int modelCalls() {
        return model.requests().size();
    }

    /** Those of {@code reports} that have a run in {@code sidecar}'s draft history. */
    public static List<String> drafted(Sidecar sidecar, String... reports) {
        return Stream.of(reports)
                .filter(id -> !sidecar.parts().drafts().list(id).isEmpty())
                .toList();
    }

    @Override
    public void close() {
        model.close();
    }
}
