package dev.patchworkmcp.sidecar.http;

/** Small text rules for text shown back to people: error messages and titles. Stateless. */
public final class Texts {
    private static final int QUOTE_LIMIT = 80;
    static final int TITLE_LENGTH = 120;

    private Texts() {}

    /** A value fit to quote in an error message: shortened, control characters replaced. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shortened = value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "..." : value;
        StringBuilder out = new StringBuilder(shortened.length());
        shortened.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    /** The first line of agent-written {@code text}, whitespace collapsed, cut at {@value #TITLE_LENGTH} characters. */
    public static String title(String text) {
        String line = text.strip().lines().findFirst().orElse("").replaceAll("\\s+", " ");
        return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1) + "…";
    }
}
