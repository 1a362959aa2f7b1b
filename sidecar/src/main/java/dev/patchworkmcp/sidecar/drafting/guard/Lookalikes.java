package dev.patchworkmcp.sidecar.drafting.guard;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * The plain spelling a path segment looks like, for comparing it with protected names: compatibility forms folded
 * (full-width letters and dots), accents and invisible characters dropped, common Cyrillic, Greek and Armenian
 * look-alikes and other dots mapped to ASCII, lower case, and trailing dots and spaces removed (some file systems
 * drop them, so {@code .github.} is {@code .github} there). Stateless.
 */
final class Lookalikes {
    private static final Map<Integer, Character> CONFUSABLES = Map.ofEntries(
            Map.entry(0x0430, 'a'),
            Map.entry(0x0435, 'e'),
            Map.entry(0x0456, 'i'),
            Map.entry(0x0131, 'i'),
            Map.entry(0x0269, 'i'),
            Map.entry(0x03B9, 'i'),
            Map.entry(0x0458, 'j'),
            Map.entry(0x043E, 'o'),
            Map.entry(0x03BF, 'o'),
            Map.entry(0x0440, 'p'),
            Map.entry(0x0441, 'c'),
            Map.entry(0x0443, 'y'),
            Map.entry(0x0445, 'x'),
            Map.entry(0x04BB, 'h'),
            Map.entry(0x0570, 'h'),
            Map.entry(0x0455, 's'),
            Map.entry(0x0501, 'd'),
            Map.entry(0x0261, 'g'),
            Map.entry(0x0581, 'g'),
            Map.entry(0x03C4, 't'),
            Map.entry(0x03C5, 'u'),
            Map.entry(0x057D, 'u'),
            Map.entry(0x03BD, 'v'),
            Map.entry(0x044C, 'b'),
            Map.entry(0x3002, '.'),
            Map.entry(0xFF61, '.'),
            Map.entry(0x0589, '.'),
            Map.entry(0x06D4, '.'),
            Map.entry(0x00B7, '.'),
            Map.entry(0x2027, '.'),
            Map.entry(0x2E31, '.'));

    private Lookalikes() {}

    /** The segment as it would read to a person or on a forgiving file system. */
    static String skeleton(String segment) {
        String decomposed = Normalizer.normalize(segment, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder plain = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.FORMAT || type == Character.ENCLOSING_MARK) {
                return;
            }
            Character mapped = CONFUSABLES.get(c);
            if (mapped != null) {
                plain.append(mapped.charValue());
            } else {
                plain.appendCodePoint(Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c);
            }
        });
        int end = plain.length();
        while (end > 0 && (plain.charAt(end - 1) == '.' || plain.charAt(end - 1) == ' ')) {
            end--;
        }
        return plain.substring(0, end).strip();
    }
}
