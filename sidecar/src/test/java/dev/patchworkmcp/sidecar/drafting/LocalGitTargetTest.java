package dev.patchworkmcp.sidecar.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.drafting.repository.Publication;
import dev.patchworkmcp.sidecar.http.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalGitTargetTest {
    @TempDir
    Path repo;

    private FakeLlm anthropic;

    @BeforeEach
    void createRepository() throws Exception {
        anthropic = FakeLlm.anthropic();
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            for (Map.Entry<String, String> file : Fixtures.repository().entrySet()) {
                Path path = repo.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            // Links the model is never shown: one to a file outside the repository, one to a directory.
            Files.createSymbolicLink(repo.resolve("docs-home"), Path.of("/etc/hostname"));
            Files.createSymbolicLink(repo.resolve("vendored"), Path.of("/etc"));
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("initial")
                    .setAuthor("Dev", "dev@example.com")
                    .setSign(false)
                    .call();
        }
        Files.writeString(repo.resolve("src/weather_mcp/util.py"), "# uncommitted work in progress\n");
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    private DraftOutcome draft() {
        DraftSettings settings = new DraftSettings("", "", "", "anthropic", "", "sk-ant", "", repo.toString());
        DraftPlan plan = DraftSetup.of(new DraftEndpoints("", anthropic.baseUrl(), ""), Json.MAPPER)
                .plan(settings);
        return new Drafter(plan).draft(Fixtures.subject(), List.of(), new RecordingProgress());
    }

    @Test
    void commitsTheDraftOnANewBranchAndLeavesTheWorkingCopyAlone() throws Exception {
        anthropic.answer(Answers.answer()
                .replace("src/weather_mcp/server.py", "mcp.run()", "mcp.run(transport=\"stdio\")")
                .create("src/weather_mcp/forecast.py", "def forecast():\n    return []\n")
                .json());

        DraftOutcome outcome = draft();

        assertThat(outcome).isInstanceOf(DraftOutcome.Drafted.class);
        Publication.LocalCommit commit = (Publication.LocalCommit) ((DraftOutcome.Drafted) outcome).publication();
        try (Git git = Git.open(repo.toFile())) {
            Repository repository = git.getRepository();
            assertThat(repository.getBranch()).isEqualTo("main");
            assertThat(repository
                            .exactRef("refs/heads/" + commit.branch())
                            .getObjectId()
                            .name())
                    .isEqualTo(commit.commit());
            assertThat(read(repository, commit.commit(), "src/weather_mcp/forecast.py"))
                    .isEqualTo("def forecast():\n    return []\n");
            assertThat(read(repository, commit.commit(), "src/weather_mcp/server.py"))
                    .contains("mcp.run(transport=\"stdio\")");
            assertThat(parent(repository, commit.commit()))
                    .isEqualTo(repository.resolve("refs/heads/main").name());
        }
        assertThat(Files.readString(repo.resolve("src/weather_mcp/util.py")))
                .isEqualTo("# uncommitted work in progress\n");
        assertThat(Files.exists(repo.resolve("src/weather_mcp/forecast.py"))).isFalse();
    }

    @Test
    void refusesAnInjectedWorkflowWithoutCreatingABranch() throws Exception {
        anthropic.answer(
                Answers.answer().create(".github/workflows/x.yml", "on: push\n").json());

        DraftOutcome outcome = draft();

        assertThat(outcome).isInstanceOf(DraftOutcome.Declined.class);
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.branchList().call()).extracting(ref -> ref.getName()).containsExactly("refs/heads/main");
        }
    }

    @Test
    void refusesWritingOverOrBelowASymlinkOrAFileWithoutCreatingABranch() throws Exception {
        anthropic.answer(Answers.answer()
                .create("docs-home", "/tmp/elsewhere")
                .create("vendored/escape.py", "x = 1\n")
                .create("README.md/inner.md", "x\n")
                .json());

        DraftOutcome outcome = draft();

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        DraftOutcome.Declined.class,
                        declined -> assertThat(declined.reason())
                                .contains("'docs-home' is a symbolic link")
                                .contains("is under 'vendored', which is a symbolic link")
                                .contains("is under 'README.md', which is a file"));
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.branchList().call()).extracting(ref -> ref.getName()).containsExactly("refs/heads/main");
        }
        assertThat(Files.readSymbolicLink(repo.resolve("docs-home"))).isEqualTo(Path.of("/etc/hostname"));
    }

    @Test
    void saysClearlyWhenThePathIsNotARepository(@TempDir Path empty) {
        anthropic.answer(Answers.answer().create("a.py", "x\n").json());
        DraftSettings settings = new DraftSettings("", "", "", "anthropic", "", "sk-ant", "", empty.toString());
        DraftPlan plan = DraftSetup.of(new DraftEndpoints("", anthropic.baseUrl(), ""), Json.MAPPER)
                .plan(settings);

        DraftOutcome outcome = new Drafter(plan).draft(Fixtures.subject(), List.of(), new RecordingProgress());

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        DraftOutcome.Failed.class,
                        failed -> assertThat(failed.reason()).contains("is not a git repository"));
    }

    private static String read(Repository repository, String commit, String path) throws Exception {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit revCommit = walk.parseCommit(ObjectId.fromString(commit));
            try (TreeWalk tree = TreeWalk.forPath(repository, path, revCommit.getTree())) {
                return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static String parent(Repository repository, String commit) throws Exception {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(ObjectId.fromString(commit)).getParent(0).name();
        }
    }
}
