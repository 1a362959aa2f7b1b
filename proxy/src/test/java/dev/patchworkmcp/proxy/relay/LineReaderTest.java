package dev.patchworkmcp.proxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsOnNewlinesAndDropsACarriageReturnBeforeThem() throws IOException {
        LineReader reader = new LineReader(stream("{\"a\":1}\n{\"b\":2}\r\n\n{\"c\":3}\n", 64), 16);

        assertThat(readAll(reader)).containsExactly("{\"a\":1}", "{\"b\":2}", "", "{\"c\":3}");
    }

    @Test
    void returnsALastLineWithoutNewlineBeforeTheEnd() throws IOException {
        LineReader reader = new LineReader(stream("{\"a\":1}\n{\"b\":", 64), 16);

        assertThat(readAll(reader)).containsExactly("{\"a\":1}", "{\"b\":");
    }

    @Test
    void joinsLinesThatArriveInPiecesAndGrowsForLongOnes() throws IOException {
        String longLine = "{\"text\":\"" + "x".repeat(5_000) + "\"}";
        String input = "{\"id\":1}\n" + longLine + "\n{\"id\":2}\n";

        LineReader reader = new LineReader(stream(input, 3), 16);

        assertThat(readAll(reader)).containsExactly("{\"id\":1}", longLine, "{\"id\":2}");
    }

    @Test
    void decodesUtf8SplitAcrossReads() throws IOException {
        String line = "{\"text\":\"héllo wörld ✓ 😀\"}";

        LineReader reader = new LineReader(stream(line + "\n" + line + "\n", 1), 8);

        assertThat(readAll(reader)).containsExactly(line, line);
    }

    @Test
    void endsAtOnceOnEmptyInput() throws IOException {
        LineReader reader = new LineReader(stream("", 8), 8);

        assertThat(reader.readLine()).isNull();
    }

    private static List<String> readAll(LineReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
        }
        return lines;
    }

    /** A stream that hands out at most {@code chunk} bytes per read, as a pipe may. */
    private static InputStream stream(String text, int chunk) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, chunk));
            }
        };
    }
}
