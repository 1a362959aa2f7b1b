package dev.patchworkmcp.sidecar.github;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach the GitHub REST API: base URI ({@code GITHUB_API_URL}, default
 * {@code https://api.github.com}; GitHub Enterprise uses {@code https://host/api/v3}), token, timeout.
 */
public record GitHubConnection(URI apiBase, String token, Duration timeout) {
    public static final URI DEFAULT_API_BASE = URI.create("https://api.github.com");

    public GitHubConnection {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(timeout, "timeout");
        String base = apiBase.toString();
        if (base.endsWith("/")) {
            apiBase = URI.create(base.substring(0, base.length() - 1));
        }
    }

    public static GitHubConnection of(String apiBase, String token) {
        URI base = apiBase == null || apiBase.isBlank() ? DEFAULT_API_BASE : URI.create(apiBase.strip());
        return new GitHubConnection(base, token, Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "GitHubConnection[apiBase=" + apiBase + ", token=****, timeout=" + timeout + "]";
    }
}
