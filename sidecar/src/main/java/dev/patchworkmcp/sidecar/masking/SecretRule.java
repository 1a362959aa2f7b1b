package dev.patchworkmcp.sidecar.masking;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One kind of secret: a name shown in the mask ({@code [REDACTED:name]}) and the pattern that finds it. When the
 * pattern has a group named {@code secret}, only that group is masked (e.g. the password of a URL, keeping the
 * user and host readable); otherwise the whole match is. Optional hints let most text skip the expression.
 * Immutable.
 */
public record SecretRule(String name, Pattern pattern, List<String> hints) {
    public SecretRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        hints = List.copyOf(hints);
    }

    /** A rule from a regular expression; a bad expression is a {@link MaskingException} naming it. */
    public static SecretRule of(String name, String regex) {
        return of(name, regex, List.of());
    }

    /**
     * A rule that can only match text holding one of {@code hints} (lower case), so the expression runs only on
     * text that has one: most text has none, and a {@code contains} is far cheaper than a regular expression.
     */
    public static SecretRule of(String name, String regex, List<String> hints) {
        try {
            return new SecretRule(name, Pattern.compile(regex), hints);
        } catch (PatternSyntaxException e) {
            throw new MaskingException("The secret pattern '" + name + "' is not a valid regular expression ("
                    + e.getDescription() + "); fix or remove it.");
        }
    }

    /** False when the text (lower-cased) cannot hold this secret. */
    boolean mayMatch(String lowerCaseText) {
        return hints.isEmpty() || hints.stream().anyMatch(lowerCaseText::contains);
    }

    boolean masksGroup() {
        return pattern.pattern().contains("(?<secret>");
    }
}
