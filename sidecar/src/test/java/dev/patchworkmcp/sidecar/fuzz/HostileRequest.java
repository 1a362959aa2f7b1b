package dev.patchworkmcp.sidecar.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated HTTP/1.1 request: its request line parts, header lines (sent as given, so they may repeat or be
 * missing) and body. {@link #head()} adds {@code Content-Length} (unless a header already sets it) and
 * {@code Connection: close}. Immutable.
 */
record HostileRequest(String kind, String method, String target, List<String> headerLines, byte[] body) {

    HostileRequest {
        headerLines = List.copyOf(headerLines);
    }

    /** The request line and headers, ending in the blank line. */
    String head() {
        StringBuilder head =
                new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        headerLines.forEach(line -> head.append(line).append("\r\n"));
        boolean lengthGiven =
                headerLines.stream().anyMatch(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15));
        if (!lengthGiven) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return head.append("Connection: close\r\n\r\n").toString();
    }

    /** The path without the query string. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** A short description for failure messages (the body cut to 300 characters). */
    String describe() {
        String text = new String(body, StandardCharsets.UTF_8);
        String cut = text.length() > 300 ? text.substring(0, 300) + "...(" + body.length + " bytes)" : text;
        String line = target.length() > 200 ? target.substring(0, 200) + "..." : target;
        return kind + ": " + method + " " + line + " " + headerLines + " " + cut;
    }
}
