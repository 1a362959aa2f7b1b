package dev.patchworkmcp.sidecar.github;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a GitHub API path from segments, percent-encoding every segment so a value can never add a segment,
 * a query or a fragment. Segments {@code .}, {@code ..} and empty ones are refused: they would let a path
 * climb to another endpoint. Immutable.
 */
final class ApiPath {
    private final List<String> encoded;

    private ApiPath(List<String> encoded) {
        this.encoded = List.copyOf(encoded);
    }

    static ApiPath of(String... segments) {
        return new ApiPath(List.of()).then(segments);
    }

    static ApiPath repo(GitHubRepo repo, String... segments) {
        return of("repos", repo.owner(), repo.name()).then(segments);
    }

    ApiPath then(String... segments) {
        List<String> next = new ArrayList<>(encoded);
        for (String segment : segments) {
            next.add(encode(segment));
        }
        return new ApiPath(next);
    }

    /** Appends a slash-separated value (a file path or a branch name) as one encoded segment per part. */
    ApiPath thenSlashed(String value) {
        return then(value.split("/", -1));
    }

    static String encode(String segment) {
        if (segment == null || segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("refusing the URL path segment '" + segment
                    + "': empty, '.' and '..' segments could address another GitHub endpoint");
        }
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "/" + String.join("/", encoded);
    }
}
