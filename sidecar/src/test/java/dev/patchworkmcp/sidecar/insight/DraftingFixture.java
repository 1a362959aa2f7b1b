package dev.patchworkmcp.sidecar.insight;

import dev.patchworkmcp.sidecar.drafting.DraftEndpoints;
import dev.patchworkmcp.sidecar.drafting.DraftHistory;
import dev.patchworkmcp.sidecar.drafting.DraftOutcome;
import dev.patchworkmcp.sidecar.drafting.DraftSettings;
import dev.patchworkmcp.sidecar.drafting.DraftSetup;
import dev.patchworkmcp.sidecar.drafting.DraftSubject;
import dev.patchworkmcp.sidecar.drafting.EarlierDraft;
import dev.patchworkmcp.sidecar.drafting.model.DraftAnswer;
import dev.patchworkmcp.sidecar.drafting.model.Edit;
import dev.patchworkmcp.sidecar.drafting.model.LlmProvider;
import dev.patchworkmcp.sidecar.drafting.model.ModelReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The real drafting flow for cluster tests, with only the LLM replaced: a local git repository in a temp dir as
 * the target, a model that proposes one new file, and a history that records every run.
 */
public final class DraftingFixture implements DraftHistory {
    public final List<DraftSubject> subjects = new CopyOnWriteArrayList<>();
    public final List<DraftOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final Path repository;

    private DraftingFixture(Path repository) {
        this.repository = repository;
    }

    /** A git repository with one commit under {@code dir}. */
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
        return new DraftingFixture(repository);
    }

    /** Wires the drafting flow into {@code insight}. */
    public void enable(Insight insight) {
        insight.enableDrafting(
                new DraftSetup(
                        DraftEndpoints.defaults(),
                        llm -> prompt -> new ModelReply(
                                new DraftAnswer(
                                        List.of(new Edit.Create("docs/date-range.md", "get_costs needs dates\n")),
                                        "Document the date range gap",
                                        "Add a date range to get_costs",
                                        "Several agents asked for it.",
                                        0.9,
                                        "every report asks for dates"),
                                100,
                                20),
                        Clock.systemUTC()),
                () -> new DraftSettings("", "", "", "anthropic", "", "test-key", "", repository.toString()),
                this);
    }

    @Override
    public Entry start(DraftSubject subject, LlmProvider provider, String model) {
        subjects.add(subject);
        return new Entry(List.of("draft-" + subjects.size()));
    }

    @Override
    public void finish(Entry entry, DraftOutcome outcome) {
        outcomes.add(outcome);
    }

    @Override
    public List<EarlierDraft> earlier(DraftSubject subject) {
        return List.of();
    }
}
