package dev.patchworkmcp.proxy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends every log record (ours via {@code System.Logger}, libraries' via JUL) to stderr, one line each, so that
 * stdout carries nothing but protocol. Stack traces only when verbose.
 */
final class StderrLogging {

    /** Held here so that their levels stick: JUL keeps loggers only weakly. */
    private static final List<Logger> LIBRARIES =
            List.of(Logger.getLogger("io.helidon"), Logger.getLogger("io.modelcontextprotocol"));

    private StderrLogging() {}

    static void install(boolean verbose) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level level = verbose ? Level.FINE : Level.INFO;
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(level);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                StringBuilder line = new StringBuilder("patchwork proxy: ");
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    line.append(record.getLevel().getName().toLowerCase(Locale.ROOT))
                            .append(": ");
                }
                line.append(formatMessage(record)).append(System.lineSeparator());
                if (verbose && record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(trace);
                }
                return line.toString();
            }
        });
        root.setLevel(level);
        root.addHandler(handler);
        // Libraries' start-up lines (Helidon's features and listener, the SDK's session chatter) only when verbose.
        for (Logger library : LIBRARIES) {
            library.setLevel(verbose ? null : Level.WARNING);
        }
    }
}
