package dev.patchworkmcp.sidecar.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * A small GitHub REST client on the JDK {@link HttpClient}: reads a branch's files, creates a branch, commits
 * several file changes at once through the git data API, opens a draft pull request, deletes a branch. Every
 * path segment is URL-encoded; every failure becomes a {@link GitHubException} whose kind tells bad token,
 * missing permission, rate limit, missing repository / branch / file and refused draft apart. Thread-safe.
 */
public final class GitHubClient implements AutoCloseable {
    /** Upper bound of tree requests when GitHub truncates a recursive listing and subtrees are walked. */
    static final int MAX_SUBTREE_REQUESTS = 500;

    private final GitHubConnection connection;
    private final GitHubErrors errors;
    private final HttpClient http;
    private final ObjectMapper json;

    public GitHubClient(GitHubConnection connection, ObjectMapper json) {
        this.connection = connection;
        this.json = json;
        this.errors = new GitHubErrors(connection.apiBase(), json);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connection.timeout())
                .build();
    }

    /** The repository's default branch. */
    public String defaultBranch(GitHubRepo repo) {
        return call("GET", ApiPath.repo(repo), null, repo, GitHubException.Kind.REPOSITORY_NOT_FOUND)
                .path("default_branch")
                .asText("main");
    }

    /** The commit a branch points at; tells a missing branch from a missing repository. */
    public String branchHead(GitHubRepo repo, String branch) {
        try {
            return call(
                            "GET",
                            ApiPath.repo(repo, "git", "ref", "heads").thenSlashed(branch),
                            null,
                            repo,
                            GitHubException.Kind.BRANCH_NOT_FOUND)
                    .path("object")
                    .path("sha")
                    .asText();
        } catch (GitHubException e) {
            if (e.kind() == GitHubException.Kind.BRANCH_NOT_FOUND) {
                defaultBranch(repo); // throws REPOSITORY_NOT_FOUND when the repository is the missing part
                throw new GitHubException(
                        GitHubException.Kind.BRANCH_NOT_FOUND,
                        404,
                        "GitHub: repository " + repo + " has no branch '" + branch
                                + "'. Set default_branch to an existing branch, or leave it empty to use the"
                                + " repository's default branch.");
            }
            throw e;
        }
    }

    /**
     * Every file of a commit. When GitHub truncates the recursive listing, the subtrees are listed one by one,
     * skipping directories {@code descend} refuses (vendored and generated trees).
     */
    public RepoTree tree(GitHubRepo repo, String commitSha, Predicate<String> descend) {
        JsonNode recursive = call(
                "GET",
                ApiPath.repo(repo, "git", "trees", commitSha),
                null,
                repo,
                GitHubException.Kind.BRANCH_NOT_FOUND,
                "recursive=1");
        if (!recursive.path("truncated").asBoolean(false)) {
            return new RepoTree(commitSha, blobs(recursive, ""), false, false);
        }
        return walk(repo, commitSha, descend);
    }

    private RepoTree walk(GitHubRepo repo, String commitSha, Predicate<String> descend) {
        List<RepoEntry> files = new ArrayList<>();
        Deque<String[]> pending = new ArrayDeque<>();
        pending.add(new String[] {commitSha, ""});
        int requests = 0;
        boolean incomplete = false;
        while (!pending.isEmpty()) {
            if (requests++ >= MAX_SUBTREE_REQUESTS) {
                incomplete = true;
                break;
            }
            String[] next = pending.poll();
            JsonNode tree =
                    call("GET", ApiPath.repo(repo, "git", "trees", next[0]), null, repo, GitHubException.Kind.OTHER);
            incomplete |= tree.path("truncated").asBoolean(false);
            files.addAll(blobs(tree, next[1]));
            for (JsonNode entry : tree.path("tree")) {
                String path = next[1] + entry.path("path").asText();
                if ("tree".equals(entry.path("type").asText()) && descend.test(path)) {
                    pending.add(new String[] {entry.path("sha").asText(), path + "/"});
                }
            }
        }
        return new RepoTree(commitSha, files, true, incomplete);
    }

    private static List<RepoEntry> blobs(JsonNode tree, String prefix) {
        List<RepoEntry> files = new ArrayList<>();
        for (JsonNode entry : tree.path("tree")) {
            if ("blob".equals(entry.path("type").asText())) {
                files.add(new RepoEntry(
                        prefix + entry.path("path").asText(),
                        entry.path("mode").asText(FileChange.REGULAR),
                        entry.path("size").asLong(0),
                        entry.path("sha").asText()));
            }
        }
        return files;
    }

    /** One file's bytes at a ref; files over GitHub's 1 MB contents limit are read as blobs. */
    public FileContent readFile(GitHubRepo repo, String path, String ref) {
        JsonNode file = call(
                "GET",
                ApiPath.repo(repo, "contents").thenSlashed(path),
                null,
                repo,
                GitHubException.Kind.FILE_NOT_FOUND,
                "ref=" + URLEncoder.encode(ref, StandardCharsets.UTF_8));
        if (!"file".equals(file.path("type").asText("file"))) {
            throw new GitHubException(
                    GitHubException.Kind.FILE_NOT_FOUND, 404, "GitHub: '" + path + "' in " + repo + " is not a file");
        }
        String sha = file.path("sha").asText();
        String content = file.path("content").asText("");
        if (!"base64".equals(file.path("encoding").asText())
                || (content.isEmpty() && file.path("size").asLong() > 0)) {
            JsonNode blob =
                    call("GET", ApiPath.repo(repo, "git", "blobs", sha), null, repo, GitHubException.Kind.OTHER);
            content = blob.path("content").asText("");
        }
        return new FileContent(path, sha, Base64.getMimeDecoder().decode(content));
    }

    /** Creates {@code refs/heads/<branch>} at {@code sha}; an existing branch is {@code BRANCH_EXISTS}. */
    public void createBranch(GitHubRepo repo, String branch, String sha) {
        ObjectNode body =
                json.createObjectNode().put("ref", "refs/heads/" + branch).put("sha", sha);
        call("POST", ApiPath.repo(repo, "git", "refs"), body, repo, GitHubException.Kind.REPOSITORY_NOT_FOUND);
    }

    /**
     * Commits {@code changes} on top of {@code parentSha} as one commit and moves {@code branch} to it
     * (fast-forward only). Returns the new commit's sha.
     */
    public String commit(GitHubRepo repo, String branch, String parentSha, String message, List<FileChange> changes) {
        String baseTree = call(
                        "GET", ApiPath.repo(repo, "git", "commits", parentSha), null, repo, GitHubException.Kind.OTHER)
                .path("tree")
                .path("sha")
                .asText();
        ArrayNode entries = json.createArrayNode();
        for (FileChange change : changes) {
            ObjectNode entry = entries.addObject()
                    .put("path", change.path())
                    .put("mode", change.mode())
                    .put("type", "blob");
            if (change.isDeletion()) {
                entry.putNull("sha");
            } else {
                entry.put("content", change.content());
            }
        }
        ObjectNode treeBody = json.createObjectNode().put("base_tree", baseTree);
        treeBody.set("tree", entries);
        String tree = call("POST", ApiPath.repo(repo, "git", "trees"), treeBody, repo, GitHubException.Kind.OTHER)
                .path("sha")
                .asText();
        ObjectNode commitBody = json.createObjectNode().put("message", message).put("tree", tree);
        commitBody.putArray("parents").add(parentSha);
        String commit = call("POST", ApiPath.repo(repo, "git", "commits"), commitBody, repo, GitHubException.Kind.OTHER)
                .path("sha")
                .asText();
        ObjectNode refBody = json.createObjectNode().put("sha", commit).put("force", false);
        call(
                "PATCH",
                ApiPath.repo(repo, "git", "refs", "heads").thenSlashed(branch),
                refBody,
                repo,
                GitHubException.Kind.BRANCH_NOT_FOUND);
        return commit;
    }

    /** Opens a draft pull request of {@code head} into {@code base}. */
    public PullRequest openDraftPullRequest(GitHubRepo repo, String title, String body, String head, String base) {
        ObjectNode request = json.createObjectNode()
                .put("title", title)
                .put("body", body)
                .put("head", head)
                .put("base", base)
                .put("draft", true);
        JsonNode pull =
                call("POST", ApiPath.repo(repo, "pulls"), request, repo, GitHubException.Kind.REPOSITORY_NOT_FOUND);
        return new PullRequest(
                pull.path("number").asInt(), pull.path("html_url").asText());
    }

    /** Deletes a branch; true when it was deleted, false when it did not exist. */
    public boolean deleteBranch(GitHubRepo repo, String branch) {
        try {
            call(
                    "DELETE",
                    ApiPath.repo(repo, "git", "refs", "heads").thenSlashed(branch),
                    null,
                    repo,
                    GitHubException.Kind.BRANCH_NOT_FOUND);
            return true;
        } catch (GitHubException e) {
            if (e.kind() == GitHubException.Kind.BRANCH_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        http.close();
    }

    private JsonNode call(String method, ApiPath path, JsonNode body, GitHubRepo repo, GitHubException.Kind notFound) {
        return call(method, path, body, repo, notFound, null);
    }

    private JsonNode call(
            String method, ApiPath path, JsonNode body, GitHubRepo repo, GitHubException.Kind notFound, String query) {
        URI uri = URI.create(connection.apiBase() + path.toString() + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(connection.timeout())
                .header("Authorization", "Bearer " + connection.token())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "patchworkmcp-sidecar");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GitHubException(
                    GitHubException.Kind.UNREACHABLE,
                    "GitHub: could not reach " + connection.apiBase() + " (" + e.getMessage()
                            + "). Check GITHUB_API_URL and the network.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException(GitHubException.Kind.UNREACHABLE, "GitHub: interrupted during " + method, e);
        }
        if (response.statusCode() >= 400) {
            throw errors.from(method, path.toString(), response, repo, notFound);
        }
        if (response.body().isEmpty()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new GitHubException(
                    GitHubException.Kind.OTHER, "GitHub: " + method + " " + path + " answered with invalid JSON", e);
        }
    }
}
