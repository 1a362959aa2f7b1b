package dev.patchworkmcp.sidecar.insight.clustering;

/** Short display text from agent-written text. Stateless. */
final class Texts {
    static final int TITLE_LENGTH = 120;

    private Texts() {}

    /** The first line of {@code text}, whitespace collapsed, cut at {@value #TITLE_LENGTH} characters. */
    static String title(String text) {
        String line = text.strip().lines().findFirst().orElse("").replaceAll("\\s+", " ");
        return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1) + "…";
    }
}
