package dev.patchworkmcp.sidecar.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Turns an error answer from GitHub into a {@link GitHubException} that names the cause and the next step. */
final class GitHubErrors {
    private final URI apiBase;
    private final ObjectMapper json;

    GitHubErrors(URI apiBase, ObjectMapper json) {
        this.apiBase = apiBase;
        this.json = json;
    }

    GitHubException from(
            String method, String path, HttpResponse<String> response, GitHubRepo repo, GitHubException.Kind notFound) {
        int status = response.statusCode();
        String said = message(response.body());
        String call = method + " " + path;
        if (status == 401) {
            return new GitHubException(
                    GitHubException.Kind.BAD_TOKEN,
                    status,
                    "GitHub rejected the token (401 on " + call + "): it is invalid, expired or revoked. Create a new"
                            + " token and set GITHUB_TOKEN or the github_token setting.");
        }
        if ((status == 403 || status == 429) && isRateLimit(response, said)) {
            return new GitHubException(
                    GitHubException.Kind.RATE_LIMITED,
                    status,
                    "GitHub rate limit reached (" + status + " on " + call + "): " + when(response)
                            + " This is not a permission problem; try again then.");
        }
        if (status == 403) {
            String needed = response.headers()
                    .firstValue("x-accepted-github-permissions")
                    .map(p -> " GitHub says the call needs: " + p + ".")
                    .orElse("");
            return new GitHubException(
                    GitHubException.Kind.MISSING_PERMISSION,
                    status,
                    "GitHub refused " + call + " (403): the token lacks a permission on " + repo + "." + needed
                            + " A classic token needs the 'repo' scope; a fine-grained token needs Contents and Pull"
                            + " requests: read and write. GitHub said: " + said);
        }
        if (status == 404) {
            return notFound(notFound, repo, call, said);
        }
        if (status == 422
                && path.endsWith("/pulls")
                && said.toLowerCase(Locale.ROOT).contains("draft")) {
            return new GitHubException(
                    GitHubException.Kind.DRAFT_NOT_ALLOWED,
                    status,
                    "GitHub does not allow draft pull requests on " + repo + " (422: " + said + "). Draft pull"
                            + " requests need a public repository or a paid plan; PatchworkMCP only opens drafts,"
                            + " so the branch was removed.");
        }
        if (status == 422 && said.toLowerCase(Locale.ROOT).contains("reference does not exist")) {
            return new GitHubException(
                    GitHubException.Kind.BRANCH_NOT_FOUND, status, "GitHub: " + call + " failed, " + said);
        }
        if (status == 422 && said.toLowerCase(Locale.ROOT).contains("already exists")) {
            return new GitHubException(
                    GitHubException.Kind.BRANCH_EXISTS, status, "GitHub: " + call + " failed, " + said);
        }
        return new GitHubException(
                GitHubException.Kind.OTHER, status, "GitHub API error " + status + " on " + call + ": " + said);
    }

    private GitHubException notFound(GitHubException.Kind kind, GitHubRepo repo, String call, String said) {
        String message = switch (kind) {
            case REPOSITORY_NOT_FOUND ->
                "GitHub: repository " + repo + " not found at " + apiBase
                        + " (or the token cannot see it). Check github_repo and the token's access.";
            case BRANCH_NOT_FOUND -> "GitHub: branch not found in " + repo + " (" + call + ").";
            case FILE_NOT_FOUND -> "GitHub: file not found in " + repo + " (" + call + ").";
            default -> "GitHub: " + call + " answered 404 (" + said + ").";
        };
        return new GitHubException(kind, 404, message);
    }

    private static boolean isRateLimit(HttpResponse<String> response, String said) {
        return response.headers()
                        .firstValue("x-ratelimit-remaining")
                        .map("0"::equals)
                        .orElse(false)
                || response.headers().firstValue("retry-after").isPresent()
                || said.toLowerCase(Locale.ROOT).contains("rate limit");
    }

    private static String when(HttpResponse<String> response) {
        var retryAfter = response.headers().firstValue("retry-after");
        if (retryAfter.isPresent()) {
            return "GitHub asks to wait " + retryAfter.get() + " s.";
        }
        return response.headers()
                .firstValue("x-ratelimit-reset")
                .flatMap(GitHubErrors::epochSeconds)
                .map(reset -> "the limit resets at " + reset + ".")
                .orElse("wait a while.");
    }

    private static Optional<Instant> epochSeconds(String value) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String message(String body) {
        try {
            JsonNode node = json.readTree(body);
            String message = node.path("message").asText("");
            JsonNode errors = node.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                message +=
                        " " + errors.get(0).path("message").asText(errors.get(0).toString());
            }
            return clip(message.strip());
        } catch (Exception e) {
            return clip(body == null ? "" : body.strip());
        }
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
