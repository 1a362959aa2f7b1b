package dev.patchworkmcp.proxy.relay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into newline-delimited lines, decoding each as UTF-8 (malformed bytes become U+FFFD).
 * The stdio relay reads every message through it: one {@code read} system call per burst of input and one
 * decoding per line, where a {@code BufferedReader} over an {@code InputStreamReader} asks the stream how much
 * is {@code available()} (two more system calls) on each read. A line ends at {@code \n}; a {@code \r} right
 * before it is dropped. Not thread-safe: one reader thread owns it.
 */
public final class LineReader {

    /**
     * At most this much per read: the JDK reads up to 8 KiB through a buffer on the native stack, and mallocs and
     * frees a buffer of the requested size on every read above that.
     */
    private static final int READ_CHUNK = 8192;

    private final InputStream in;
    private byte[] buffer;
    private int start;
    private int end;

    /** @param initialSize the buffer's starting size; it grows to hold the longest line */
    public LineReader(InputStream in, int initialSize) {
        this.in = in;
        this.buffer = new byte[initialSize];
    }

    /** The next line without its terminator, or null at the end of the stream (a last unterminated line first). */
    public String readLine() throws IOException {
        int scanned = start;
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    String line = decode(start, i);
                    start = i + 1;
                    return line;
                }
            }
            scanned = makeRoom(end);
            int read = in.read(buffer, end, Math.min(READ_CHUNK, buffer.length - end));
            if (read < 0) {
                if (start == end) {
                    return null;
                }
                String last = decode(start, end);
                start = end;
                return last;
            }
            end += read;
        }
    }

    /** Frees space after {@code end} by moving the partial line to the front or growing; returns its new offset. */
    private int makeRoom(int scanned) {
        if (start == end) {
            start = 0;
            end = 0;
            return 0;
        }
        if (end < buffer.length) {
            return scanned;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        } else {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        return scanned;
    }

    private String decode(int from, int to) {
        int length = to - from;
        if (length > 0 && buffer[to - 1] == '\r') {
            length--;
        }
        return new String(buffer, from, length, StandardCharsets.UTF_8);
    }
}
