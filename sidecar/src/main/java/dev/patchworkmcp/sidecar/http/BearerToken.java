package dev.patchworkmcp.sidecar.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** Reads {@code Authorization: Bearer <token>} and compares tokens in constant time. Stateless. */
final class BearerToken {
    private BearerToken() {}

    static Optional<String> from(Headers headers) {
        return headers.first(HeaderNames.AUTHORIZATION)
                .map(String::strip)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip());
    }

    /**
     * Constant-time comparison: both sides are hashed first so neither the content nor the length of the key
     * leaks through timing, then compared with {@link MessageDigest#isEqual}.
     */
    static boolean matches(Optional<String> presented, String expected) {
        if (presented.isEmpty() || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented.get()), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
