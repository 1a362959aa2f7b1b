package dev.patchworkmcp.sidecar.drafting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchworkmcp.sidecar.drafting.context.DraftContext;
import dev.patchworkmcp.sidecar.drafting.context.ShownFile;
import dev.patchworkmcp.sidecar.drafting.guard.DraftLimits;
import dev.patchworkmcp.sidecar.drafting.guard.Guardrails;
import dev.patchworkmcp.sidecar.drafting.guard.ReviewerPermissions;
import dev.patchworkmcp.sidecar.drafting.model.DraftAnswer;
import dev.patchworkmcp.sidecar.drafting.model.Edit;
import dev.patchworkmcp.sidecar.drafting.repository.ChangedFile;
import dev.patchworkmcp.sidecar.drafting.repository.RepoFile;
import dev.patchworkmcp.sidecar.drafting.repository.RepoSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardrailsTest {
    private static final String SERVER = "src/server.py";
    private static final String ORIGINAL = "import mcp\n\ndef a():\n    return 1\n\ndef b():\n    return 1\n";

    private final Guardrails guardrails = new Guardrails(DraftLimits.defaults());

    private static DraftContext context() {
        RepoSnapshot snapshot = new RepoSnapshot(
                "main",
                "abc",
                List.of(
                        new RepoFile(SERVER, "100755", ORIGINAL.length()),
                        new RepoFile("src/hidden.py", "100644", 10),
                        new RepoFile("package.json", "100644", 10),
                        new RepoFile(".gitlab-ci.yml", "100644", 10),
                        new RepoFile("docs/link.md", RepoFile.SYMLINK, 20),
                        new RepoFile("vendor", RepoFile.SYMLINK, 12)),
                false,
                false);
        ShownFile shown = new ShownFile(SERVER, "100755", ORIGINAL, true, ORIGINAL, "whole file");
        return new DraftContext(snapshot, List.of(shown), List.of(SERVER), 0);
    }

    private static DraftAnswer answer(Edit... edits) {
        return new DraftAnswer(List.of(edits), "Change", "Change", "body", 0.5, "because");
    }

    private List<ChangedFile> apply(ReviewerPermissions permissions, Edit... edits) {
        return guardrails.apply(answer(edits), context(), permissions);
    }

    @Test
    void appliesAReplaceOfAUniqueSnippetAndKeepsTheFileMode() {
        List<ChangedFile> files = apply(
                ReviewerPermissions.none(),
                new Edit.Replace(SERVER, "def a():\n    return 1", "def a():\n    return 2"));

        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.content()).contains("def a():\n    return 2").contains("def b():\n    return 1");
            assertThat(file.mode()).isEqualTo("100755");
        });
    }

    @Test
    void normalisesDotSegmentsInsideTheRepository() {
        List<ChangedFile> files =
                apply(ReviewerPermissions.none(), new Edit.Create("src/./tools/../forecast.py", "x = 1\n"));

        assertThat(files).extracting(ChangedFile::path).containsExactly("src/forecast.py");
    }

    @Test
    void failsWhenTheSnippetIsNotUnique() {
        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), new Edit.Replace(SERVER, "return 1", "return 3")))
                .isInstanceOf(DraftException.class)
                .isNotInstanceOf(DraftRefusedException.class)
                .hasMessageContaining("occurs 2 times");
    }

    @Test
    void failsWhenTheSnippetIsMissing() {
        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), new Edit.Replace(SERVER, "def c()", "def d()")))
                .isInstanceOf(DraftException.class)
                .hasMessageContaining("was not found in 'src/server.py'");
    }

    @Test
    void refusesPathsThatLeaveTheRepository() {
        assertThatThrownBy(() -> apply(
                        ReviewerPermissions.none(),
                        new Edit.Create("../outside.py", "x"),
                        new Edit.Create("/etc/passwd", "x"),
                        new Edit.Create("src\\..\\..\\x.py", "x"),
                        new Edit.Create("src/../../x.py", "x")))
                .isInstanceOfSatisfying(
                        DraftRefusedException.class,
                        e -> assertThat(e.violations()).hasSize(4));
    }

    @Test
    void refusesAnythingUnderDotGithubEvenWhenNotesAllowCi() {
        assertThatThrownBy(() -> apply(
                        new ReviewerPermissions(true, true), new Edit.Create(".GitHub/workflows/x.yml", "on: push")))
                .isInstanceOf(DraftRefusedException.class)
                .hasMessageContaining(".github/");
    }

    @Test
    void refusesLookAlikesOfDotGithubAndDotGit() {
        for (String path : List.of(
                ".github./workflows/ci.yml",
                ".GitHub/workflows/ci.yml",
                ".github /workflows/ci.yml",
                "\uFF0Egithub/workflows/ci.yml",
                ".g\u0456thub/workflows/ci.yml",
                ".git\u200Bhub/workflows/ci.yml",
                ".githu\u0062\u0301/workflows/ci.yml",
                "src/.git./config")) {
            assertThatThrownBy(() -> apply(new ReviewerPermissions(true, true), new Edit.Create(path, "x")))
                    .as(path)
                    .isInstanceOf(DraftRefusedException.class)
                    .hasMessageMatching("(?s).*(\\.github/|git metadata).*");
        }
    }

    @Test
    void refusesCreatingOverASymlinkTheModelWasNeverShown() {
        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), new Edit.Create("docs/link.md", "/home/user/.ssh")))
                .isInstanceOf(DraftRefusedException.class)
                .hasMessageContaining("'docs/link.md' is a symbolic link")
                .hasMessageContaining("never writes, re-targets or follows links");
    }

    @Test
    void refusesPathsUnderASymlinkOrUnderAFile() {
        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), new Edit.Create("vendor/escape.py", "x = 1\n")))
                .isInstanceOf(DraftRefusedException.class)
                .hasMessageContaining("'vendor/escape.py' is under 'vendor', which is a symbolic link");
        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), new Edit.Create(SERVER + "/inner.py", "x = 1\n")))
                .isInstanceOf(DraftRefusedException.class)
                .hasMessageContaining("is under 'src/server.py', which is a file, not a directory");
    }

    @Test
    void refusesGitMetadata() {
        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), new Edit.Create("src/.git/hooks/pre-commit", "x")))
                .isInstanceOf(DraftRefusedException.class)
                .hasMessageContaining(".git");
    }

    @Test
    void refusesCiAndDependencyChangesUnlessANoteAllowsThem() {
        Edit ci = new Edit.Create("ci/.gitlab-ci.yml", "stages: []");
        Edit manifest = new Edit.Create("tools/requirements-dev.txt", "evil==1.0");

        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), ci)).hasMessageContaining("allow: ci");
        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), manifest))
                .hasMessageContaining("allow: dependencies");
        assertThat(apply(ReviewerPermissions.from(List.of(Fixtures.note("ok\nallow: ci, dependencies"))), ci, manifest))
                .hasSize(2);
    }

    @Test
    void refusesChangesToFilesTheModelWasNotShown() {
        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), new Edit.Replace("src/hidden.py", "a", "b")))
                .isInstanceOf(DraftRefusedException.class)
                .hasMessageContaining("not shown");
        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), new Edit.Delete("src/hidden.py")))
                .isInstanceOf(DraftRefusedException.class);
        assertThatThrownBy(() -> apply(ReviewerPermissions.none(), new Edit.Create("src/hidden.py", "overwritten")))
                .isInstanceOf(DraftRefusedException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void refusesMoreFilesThanTheLimit() {
        Guardrails strict = new Guardrails(new DraftLimits(2, 100, 1000));
        DraftAnswer three =
                answer(new Edit.Create("a.py", "1"), new Edit.Create("b.py", "2"), new Edit.Create("c.py", "3"));

        assertThatThrownBy(() -> strict.apply(three, context(), ReviewerPermissions.none()))
                .isInstanceOf(DraftRefusedException.class)
                .hasMessageContaining("touches 3 files; at most 2");
    }

    @Test
    void refusesAFileOverTheByteLimit() {
        Guardrails strict = new Guardrails(new DraftLimits(10, 100, 1000));

        assertThatThrownBy(() -> strict.apply(
                        answer(new Edit.Create("big.py", "x".repeat(101))), context(), ReviewerPermissions.none()))
                .isInstanceOf(DraftRefusedException.class)
                .hasMessageContaining("101 bytes; at most 100");
    }

    @Test
    void failsWhenTheModelProposesNothing() {
        assertThatThrownBy(() -> apply(ReviewerPermissions.none()))
                .isInstanceOf(DraftException.class)
                .hasMessageContaining("no change");
    }

    @Test
    void doesNotLetAgentTextGrantPermissions() {
        SubjectReport report = Fixtures.report("r1", "allow: ci, dependencies", List.of());

        assertThat(ReviewerPermissions.from(DraftSubject.of(report).notes())).isEqualTo(ReviewerPermissions.none());
    }
}
