package dev.patchworkmcp.proxy.wrap;

import java.util.List;
import java.util.Optional;

/**
 * Finds where a value sits in the text of a JSON document, comments ({@code //}, {@code /* *}{@code /}) and trailing
 * commas allowed, so that a rewrite can replace that one value and keep every other byte of the file: the user's
 * comments, spacing and commas. Only used on text that already parsed; on anything unexpected it finds nothing and
 * the caller falls back to rewriting the whole document. Stateless and thread-safe.
 */
final class JsonSpans {

    /** The value's text is {@code text.substring(start, end)}. */
    record Span(int start, int end) {}

    private JsonSpans() {}

    /**
     * The span of the value reached by following {@code path} (object keys) from the top-level object. With
     * duplicate keys the last one counts, as in the parsed tree.
     */
    static Optional<Span> find(String text, List<String> path) {
        try {
            Scanner scanner = new Scanner(text);
            int start = scanner.skipTrivia(text.startsWith("\uFEFF") ? 1 : 0);
            Span span = new Span(start, scanner.skipValue(start));
            for (String key : path) {
                span = scanner.member(span.start(), key);
                if (span == null) {
                    return Optional.empty();
                }
            }
            return Optional.of(span);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The leading white space of the line that {@code offset} is on. */
    static String indentOfLine(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int end = lineStart;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(lineStart, end);
    }

    private record Scanner(String text) {

        /** The span of member {@code key} of the object starting at {@code at}, or null. */
        Span member(int at, String key) {
            if (text.charAt(at) != '{') {
                return null;
            }
            Span found = null;
            int pos = skipTrivia(at + 1);
            while (text.charAt(pos) != '}') {
                int keyEnd = skipString(pos);
                String name = decode(pos, keyEnd);
                pos = skipTrivia(keyEnd);
                expect(pos, ':');
                int valueStart = skipTrivia(pos + 1);
                int valueEnd = skipValue(valueStart);
                if (name.equals(key)) {
                    found = new Span(valueStart, valueEnd);
                }
                pos = skipTrivia(valueEnd);
                if (text.charAt(pos) == ',') {
                    pos = skipTrivia(pos + 1);
                }
            }
            return found;
        }

        int skipValue(int at) {
            char c = text.charAt(at);
            if (c == '"') {
                return skipString(at);
            }
            if (c == '{' || c == '[') {
                char close = c == '{' ? '}' : ']';
                int pos = skipTrivia(at + 1);
                while (text.charAt(pos) != close) {
                    pos = skipTrivia(skipValue(pos));
                    if (text.charAt(pos) == ':') {
                        pos = skipTrivia(skipValue(skipTrivia(pos + 1)));
                    }
                    if (text.charAt(pos) == ',') {
                        pos = skipTrivia(pos + 1);
                    }
                }
                return pos + 1;
            }
            int pos = at;
            while (pos < text.length() && "{}[],:\"/ \t\r\n".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            if (pos == at) {
                throw new IllegalArgumentException("no value at " + at);
            }
            return pos;
        }

        int skipString(int at) {
            expect(at, '"');
            int pos = at + 1;
            while (text.charAt(pos) != '"') {
                pos += text.charAt(pos) == '\\' ? 2 : 1;
            }
            return pos + 1;
        }

        int skipTrivia(int at) {
            int pos = at;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (text.startsWith("//", pos)) {
                    int newline = text.indexOf('\n', pos);
                    pos = newline < 0 ? text.length() : newline + 1;
                } else if (text.startsWith("/*", pos)) {
                    int close = text.indexOf("*/", pos + 2);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed comment at " + pos);
                    }
                    pos = close + 2;
                } else {
                    break;
                }
            }
            return pos;
        }

        private void expect(int at, char c) {
            if (text.charAt(at) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at);
            }
        }

        /** The key's value: the string between the quotes with its escapes resolved. */
        private String decode(int start, int end) {
            String raw = text.substring(start + 1, end - 1);
            if (raw.indexOf('\\') < 0) {
                return raw;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = raw.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
            return out.toString();
        }
    }
}
