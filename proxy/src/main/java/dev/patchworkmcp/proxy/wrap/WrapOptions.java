package dev.patchworkmcp.proxy.wrap;

import dev.patchworkmcp.commandline.CommandSyntax;
import dev.patchworkmcp.commandline.ParsedCommandLine;
import dev.patchworkmcp.commandline.UsageException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The parsed command line of {@code patchwork wrap}. */
public record WrapOptions(
        String launcher,
        Optional<ClientKind> client,
        Optional<Path> config,
        Set<String> only,
        boolean dryRun,
        boolean unwrap,
        boolean help,
        boolean verbose) {

    public WrapOptions {
        only = Set.copyOf(only);
    }

    public static final String USAGE = """
            Usage: patchwork wrap [--client claude-desktop|claude-code|cursor|vscode] [--config FILE]
                                  [--only NAME...] [--dry-run] [--unwrap] [--verbose]

            Routes the MCP servers configured in a client through 'patchwork proxy', so every one of them gets the
            feedback tool. Without --client and --config, every client config found on this machine is rewritten.

              --client ID     the client whose default config to rewrite (claude-desktop, claude-code, cursor, vscode)
              --config FILE   rewrite this file instead of the client's default
              --only NAME...  only these server entries (names until the next option; may repeat; commas work too)
              --dry-run       print the diff and change nothing
              --unwrap        restore the entries as they were before wrapping
              --verbose       stack traces on failure

            A timestamped backup is written next to the file before it is replaced. Exit codes: 0 ok, 1 failure,
            2 usage or invalid config.
            """;

    /** Every option of {@link #USAGE}, and {@code --launcher PATH}, which the launcher adds itself. */
    private static final CommandSyntax SYNTAX = CommandSyntax.of("wrap")
            .withOption("--launcher")
            .withOption("--client")
            .withOption("--config")
            .withList("--only")
            .withFlag("--dry-run")
            .withFlag("--unwrap")
            .withFlag("--verbose");

    /** Parses the arguments after the launcher's own {@code --launcher PATH}. */
    public static WrapOptions parse(List<String> args) {
        ParsedCommandLine parsed = SYNTAX.parse(args);
        String launcher = parsed.value("--launcher");
        if (launcher == null && !parsed.help()) {
            throw new UsageException("missing --launcher PATH; run this through the launcher: ./patchwork wrap");
        }
        Set<String> only = new LinkedHashSet<>();
        parsed.values("--only").forEach(value -> only.addAll(names(value)));
        return new WrapOptions(
                launcher,
                Optional.ofNullable(parsed.value("--client")).map(ClientKind::fromId),
                Optional.ofNullable(parsed.value("--config")).map(Path::of),
                only,
                parsed.has("--dry-run"),
                parsed.has("--unwrap"),
                parsed.help(),
                parsed.has("--verbose"));
    }

    private static List<String> names(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
    }
}
