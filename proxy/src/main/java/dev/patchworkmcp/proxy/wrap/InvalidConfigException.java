package dev.patchworkmcp.proxy.wrap;

import java.nio.file.Path;

/**
 * A client config file is not JSON we can rewrite (a syntax error, or a root that is not an object). Carries the
 * position so the user can open the file at the right place; nothing has been written when this is thrown.
 */
public final class InvalidConfigException extends RuntimeException {
    private final Path file;
    private final int line;
    private final int column;

    public InvalidConfigException(Path file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem + "; fix the file (nothing was written) and run again");
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
