package dev.patchworkmcp.proxy.wrap;

import dev.patchworkmcp.proxy.UsageException;
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

    /** Parses the arguments after the launcher's own {@code --launcher PATH}. */
    public static WrapOptions parse(List<String> args) {
        String launcher = null;
        Optional<ClientKind> client = Optional.empty();
        Optional<Path> config = Optional.empty();
        Set<String> only = new LinkedHashSet<>();
        boolean dryRun = false;
        boolean unwrap = false;
        boolean help = false;
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--launcher" -> launcher = value(args, ++i, arg);
                case "--client" -> client = Optional.of(ClientKind.fromId(value(args, ++i, arg)));
                case "--config" -> config = Optional.of(Path.of(value(args, ++i, arg)));
                case "--only" -> {
                    only.addAll(names(value(args, ++i, arg)));
                    while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        only.addAll(names(args.get(++i)));
                    }
                }
                case "--dry-run" -> dryRun = true;
                case "--unwrap" -> unwrap = true;
                case "--verbose" -> verbose = true;
                case "-h", "--help" -> help = true;
                default -> throw new UsageException("unknown argument '" + arg + "'; see patchwork wrap --help");
            }
        }
        if (launcher == null && !help) {
            throw new UsageException("missing --launcher PATH; run this through the launcher: ./patchwork wrap");
        }
        return new WrapOptions(launcher, client, config, only, dryRun, unwrap, help, verbose);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new UsageException(option + " needs a value; see patchwork wrap --help");
        }
        return args.get(index);
    }

    private static List<String> names(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
    }
}
