package dev.patchworkmcp.sidecar.http;

/** Small text rules shared by error messages. */
public final class Texts {
    private static final int QUOTE_LIMIT = 80;

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
}
