package dev.patchworkmcp.sidecar.github;

import java.util.regex.Pattern;

/** A GitHub repository named {@code owner/name}, validated so it can only ever address one repository. */
public record GitHubRepo(String owner, String name) {
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public GitHubRepo {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("GitHub owner '" + owner + "' is not a valid user or organisation name");
        }
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("GitHub repository name '" + name + "' is not valid");
        }
    }

    /** Parses {@code owner/name}; a trailing {@code .git} or a full {@code https://github.com/...} URL is accepted. */
    public static GitHubRepo of(String text) {
        String value = text == null ? "" : text.strip();
        value = value.replaceFirst("^https?://[^/]+/", "")
                .replaceFirst("\\.git$", "")
                .replaceFirst("/$", "");
        int slash = value.indexOf('/');
        if (slash < 0 || value.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException(
                    "github_repo '" + text + "' is not of the form owner/name (for example octo-org/my-mcp-server)");
        }
        return new GitHubRepo(value.substring(0, slash), value.substring(slash + 1));
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
