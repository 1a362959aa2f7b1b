package dev.patchworkmcp.sidecar.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 CSV that is safe to open in a spreadsheet: a cell starting with {@code = + - @}, tab or
 * carriage return gets a leading {@code '} so it is never evaluated as a formula (agent text is hostile). Not
 * thread-safe; one per export.
 */
final class CsvWriter {
    private final Writer out;

    CsvWriter(Writer out) {
        this.out = out;
    }

    void row(List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        boolean quote =
                safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
