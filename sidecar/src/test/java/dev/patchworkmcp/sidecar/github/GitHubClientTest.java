package dev.patchworkmcp.sidecar.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchworkmcp.sidecar.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GitHubClientTest {
    private static final GitHubRepo REPO = GitHubRepo.of("octo/weather-mcp");

    private FakeGitHub github;
    private GitHubClient client;

    @BeforeEach
    void startFake() throws Exception {
        github = FakeGitHub.start(
                "octo/weather-mcp",
                Map.of(
                        "src/server.py", "from mcp.server.fastmcp import FastMCP\n",
                        "docs/a b#?.md", "odd name\n",
                        "node_modules/x/index.js", "vendored\n",
                        "lib/deep/tools.py", "@mcp.tool()\n"));
        client = new GitHubClient(GitHubConnection.of(github.baseUrl(), "ghp_test"), Json.MAPPER);
    }

    @AfterEach
    void stopFake() {
        github.close();
    }

    @Test
    void readsTheTreeAndAFileOfTheDefaultBranch() {
        String head = client.branchHead(REPO, client.defaultBranch(REPO));

        RepoTree tree = client.tree(REPO, head, dir -> true);
        FileContent file = client.readFile(REPO, "src/server.py", head);

        assertThat(tree.files()).extracting(RepoEntry::path).contains("src/server.py", "lib/deep/tools.py");
        assertThat(tree.walkedSubtrees()).isFalse();
        assertThat(new String(file.bytes(), StandardCharsets.UTF_8)).contains("FastMCP");
    }

    @Test
    void walksSubtreesWhenTheRecursiveListingIsTruncated() {
        github.truncateRecursiveListings();
        String head = client.branchHead(REPO, "main");

        RepoTree tree = client.tree(REPO, head, dir -> !dir.endsWith("node_modules"));

        assertThat(tree.walkedSubtrees()).isTrue();
        assertThat(tree.incomplete()).isFalse();
        assertThat(tree.files())
                .extracting(RepoEntry::path)
                .containsExactlyInAnyOrder("src/server.py", "docs/a b#?.md", "lib/deep/tools.py");
    }

    @Test
    void encodesEveryPathSegment() {
        String head = client.branchHead(REPO, "main");

        FileContent file = client.readFile(REPO, "docs/a b#?.md", head);

        assertThat(new String(file.bytes(), StandardCharsets.UTF_8)).isEqualTo("odd name\n");
        assertThat(github.requests().getLast().rawPath()).endsWith("/contents/docs/a%20b%23%3F.md");
    }

    @Test
    void refusesDotDotSegmentsBeforeSendingAnything() {
        int before = github.requests().size();

        assertThatThrownBy(() -> client.readFile(REPO, "../collaborators/mallory", "main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'..'");
        assertThat(github.requests()).hasSize(before);
    }

    @Test
    void tellsABadTokenApart() {
        github.failNext("GET", "/repos/octo/weather-mcp", 401, Map.of(), "Bad credentials");

        assertThatThrownBy(() -> client.defaultBranch(REPO))
                .isInstanceOfSatisfying(
                        GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.BAD_TOKEN))
                .hasMessageContaining("GITHUB_TOKEN")
                .hasMessageNotContaining("ghp_test");
    }

    @Test
    void reportsA403RateLimitAsRateLimitNotAsMissingScope() {
        github.failNext(
                "GET",
                "/git/ref/heads/main",
                403,
                Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1893456000"),
                "API rate limit exceeded for user ID 1.");

        assertThatThrownBy(() -> client.branchHead(REPO, "main"))
                .isInstanceOfSatisfying(
                        GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.RATE_LIMITED))
                .hasMessageContaining("2030-01-01")
                .hasMessageNotContaining("scope");
    }

    @Test
    void reportsA429WithRetryAfterAsRateLimit() {
        github.failNext("POST", "/pulls", 429, Map.of("retry-after", "60"), "secondary rate limit");

        assertThatThrownBy(() -> client.openDraftPullRequest(REPO, "t", "b", "x", "main"))
                .isInstanceOfSatisfying(
                        GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.RATE_LIMITED))
                .hasMessageContaining("60 s");
    }

    @Test
    void reportsAPlain403AsAMissingPermission() {
        github.failNext(
                "POST",
                "/git/refs",
                403,
                Map.of("x-accepted-github-permissions", "contents=write"),
                "Resource not accessible by personal access token");

        assertThatThrownBy(() -> client.createBranch(REPO, "b", "0123"))
                .isInstanceOfSatisfying(
                        GitHubException.class,
                        e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.MISSING_PERMISSION))
                .hasMessageContaining("contents=write");
    }

    @Test
    void tellsAMissingRepositoryFromAMissingBranchFromAMissingFile() {
        GitHubRepo missing = GitHubRepo.of("octo/nope");
        String head = client.branchHead(REPO, "main");

        assertThatThrownBy(() -> client.branchHead(missing, "main"))
                .isInstanceOfSatisfying(
                        GitHubException.class,
                        e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.REPOSITORY_NOT_FOUND));
        assertThatThrownBy(() -> client.branchHead(REPO, "develop"))
                .isInstanceOfSatisfying(
                        GitHubException.class,
                        e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.BRANCH_NOT_FOUND))
                .hasMessageContaining("'develop'");
        assertThatThrownBy(() -> client.readFile(REPO, "src/missing.py", head))
                .isInstanceOfSatisfying(
                        GitHubException.class,
                        e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.FILE_NOT_FOUND));
    }

    @Test
    void tellsThatDraftPullRequestsAreNotAllowed() {
        github.failNext("POST", "/pulls", 422, Map.of(), "Draft pull requests are not supported in this repository.");

        assertThatThrownBy(() -> client.openDraftPullRequest(REPO, "t", "b", "x", "main"))
                .isInstanceOfSatisfying(
                        GitHubException.class,
                        e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.DRAFT_NOT_ALLOWED));
    }

    @Test
    void commitsSeveralChangesInOneCommitAndOpensADraftPullRequest() {
        String head = client.branchHead(REPO, "main");
        client.createBranch(REPO, "patchwork/x", head);

        String commit = client.commit(
                REPO,
                "patchwork/x",
                head,
                "Add forecast tool",
                List.of(
                        FileChange.write("src/server.py", "changed\n", "100644"),
                        FileChange.write("src/forecast.py", "new\n", null),
                        FileChange.delete("docs/a b#?.md")));
        PullRequest pull = client.openDraftPullRequest(REPO, "Add forecast", "body", "patchwork/x", "main");

        assertThat(commit).isEqualTo(github.branches().get("patchwork/x"));
        assertThat(github.filesOf("patchwork/x"))
                .containsEntry("src/server.py", "changed\n")
                .containsEntry("src/forecast.py", "new\n")
                .doesNotContainKey("docs/a b#?.md");
        assertThat(github.pulls())
                .singleElement()
                .satisfies(p -> assertThat(p.draft()).isTrue());
        assertThat(pull.htmlUrl()).endsWith("/pull/1");
    }

    @Test
    void deletesABranchAndSaysWhenThereWasNone() {
        client.createBranch(REPO, "patchwork/y", client.branchHead(REPO, "main"));

        assertThat(client.deleteBranch(REPO, "patchwork/y")).isTrue();
        assertThat(client.deleteBranch(REPO, "patchwork/y")).isFalse();
        assertThat(github.branches()).doesNotContainKey("patchwork/y");
    }

    @Test
    void sendsTheTokenAndApiVersionHeaders() {
        client.defaultBranch(REPO);

        FakeGitHub.Request request = github.requests().getLast();
        assertThat(request.headers()).containsEntry("Authorization", "Bearer ghp_test");
        assertThat(request.headers()).containsEntry("X-GitHub-Api-Version", "2022-11-28");
    }
}
