package dev.patchworkmcp.sidecar;

import dev.patchworkmcp.commandline.CommandSyntax;
import dev.patchworkmcp.commandline.ParsedCommandLine;
import dev.patchworkmcp.commandline.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code patchwork sidecar}: {@code --help}, {@code --verbose}, and the settings users change
 * most, each the same as its environment variable (a flag wins over the variable). Immutable.
 *
 * @param settings environment variable name to value, e.g. {@code FEEDBACK_PORT -> 9000}
 */
record SidecarCommandLine(boolean help, boolean verbose, Map<String, String> settings) {
    static final String USAGE = """
            Usage: patchwork sidecar [options]

            Starts the sidecar: the feedback API and the dashboard, on http://127.0.0.1:8099 by default.

            Options (each overrides its environment variable):
              --port <n>            port to listen on, 0 picks a free one   (FEEDBACK_PORT, default 8099)
              --host <address>      address to bind                         (FEEDBACK_HOST, default 127.0.0.1)
              --db, --database <file>
                                    SQLite database file                    (FEEDBACK_DB_PATH, default feedback.db)
              -v, --verbose         show library and start-up log lines
              -h, --help            show this help

            Environment:
              FEEDBACK_API_KEY      key drop-ins and the proxy send (Authorization: Bearer), none by default
              FEEDBACK_ADMIN_KEY    key of the dashboard and admin API; required when --host is not loopback
              FEEDBACK_DB_URL       PostgreSQL JDBC URL instead of SQLite (FEEDBACK_DB_USER, FEEDBACK_DB_PASSWORD)
              FEEDBACK_MAX_CONNECTIONS, FEEDBACK_IDLE_TIMEOUT_SECONDS, FEEDBACK_HEADER_TIMEOUT_SECONDS
                                    server limits (docs/server-limits.md)
              GITHUB_TOKEN, ANTHROPIC_API_KEY, OPENAI_API_KEY
                                    drafting pull requests (or set them in the dashboard's settings)
            Every setting: docs/configuration.md.
            """;

    private static final CommandSyntax SYNTAX = CommandSyntax.of("sidecar")
            .withOption("--port")
            .withOption("--host")
            .withOption("--db", "--database")
            .withFlag("-v", "--verbose");

    /** The environment variable each option sets. */
    private static final Map<String, String> VARIABLES =
            Map.of("--port", "FEEDBACK_PORT", "--host", "FEEDBACK_HOST", "--db", "FEEDBACK_DB_PATH");

    /** Parses the arguments; an unknown option or a missing value is a {@link UsageException}. */
    static SidecarCommandLine parse(String... args) {
        ParsedCommandLine parsed = SYNTAX.parse(List.of(args));
        Map<String, String> settings = new LinkedHashMap<>();
        VARIABLES.forEach((option, variable) -> {
            if (parsed.has(option)) {
                settings.put(variable, parsed.value(option));
            }
        });
        return new SidecarCommandLine(parsed.help(), parsed.has("-v"), Map.copyOf(settings));
    }
}
