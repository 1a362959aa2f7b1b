package dev.patchworkmcp.sidecar.masking;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of secret: a name shown in the mask ({@code [REDACTED:name]}) and the pattern that finds it. When the
 * pattern has a group named {@code secret}, only that group is masked (e.g. the password of a URL, keeping the
 * user and host readable); otherwise the whole match is. Immutable.
 */
public record SecretRule(String name, Pattern pattern) {
    public SecretRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
    }

    /** A rule from a regular expression; a bad expression is a {@link MaskingException} naming it. */
    public static SecretRule of(String name, String regex) {
        try {
            return new SecretRule(name, Pattern.compile(regex));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new MaskingException("The secret pattern '" + name + "' is not a valid regular expression ("
                    + e.getDescription() + "); fix or remove it.");
        }
    }

    boolean masksGroup() {
        return pattern.pattern().contains("(?<secret>");
    }
}
