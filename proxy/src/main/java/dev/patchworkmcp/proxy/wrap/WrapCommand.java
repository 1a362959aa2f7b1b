package dev.patchworkmcp.proxy.wrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.commandline.UsageException;
import dev.patchworkmcp.proxy.wrap.ConfigRewriter.Mode;
import dev.patchworkmcp.proxy.wrap.ConfigRewriter.Plan;
import dev.patchworkmcp.proxy.wrap.ConfigRewriter.Target;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entry point of {@code patchwork wrap}: finds the client configs, plans every rewrite first (so a bad file or an
 * unknown {@code --only} name stops the run before anything is written), then writes each changed file with a backup,
 * or prints the diffs with {@code --dry-run}. Exit codes: 0 ok, 1 runtime failure, 2 usage or invalid config.
 */
public final class WrapCommand {
    private final Platform platform;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    public WrapCommand(Platform platform, Clock clock, PrintStream out, PrintStream err) {
        this.platform = platform;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new WrapCommand(Platform.current(), Clock.systemUTC(), System.out, System.err).run(List.of(args));
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command and returns its exit code; never exits the JVM. */
    public int run(List<String> args) {
        boolean verbose = args.contains("--verbose");
        try {
            WrapOptions options = WrapOptions.parse(args);
            if (options.help()) {
                out.print(WrapOptions.USAGE);
                return 0;
            }
            execute(options);
            return 0;
        } catch (UsageException | InvalidConfigException e) {
            err.println("patchwork wrap: " + e.getMessage());
            printTrace(verbose, e);
            return 2;
        } catch (RuntimeException e) {
            err.println("patchwork wrap: " + e.getMessage());
            printTrace(verbose, e);
            return 1;
        }
    }

    private void printTrace(boolean verbose, RuntimeException e) {
        if (verbose) {
            e.printStackTrace(err);
        }
    }

    private void execute(WrapOptions options) {
        Mode mode = options.unwrap() ? Mode.UNWRAP : Mode.WRAP;
        ConfigRewriter rewriter = new ConfigRewriter(options.launcher());
        List<Plan> plans = new ArrayList<>();
        for (Target target : targets(options)) {
            plans.add(rewriter.plan(target, mode, options.only()));
        }
        checkOnlyNamesExist(options.only(), plans);
        ConfigWriter writer = new ConfigWriter(clock);
        for (Plan plan : plans) {
            report(plan, mode);
            if (options.dryRun()) {
                out.print(plan.changed() ? plan.diff() : "");
            } else if (plan.changed()) {
                warnAboutComments(plan);
                Path backup = writer.replace(plan.document(), plan.newText());
                out.println("  %-10s%s".formatted("backup", backup));
            }
        }
        if (mode == Mode.WRAP) {
            printClaudeAddLines(plans);
        }
        printNextSteps(options, plans);
    }

    private List<Target> targets(WrapOptions options) {
        if (options.config().isPresent()) {
            return List.of(new Target(options.config().get(), options.client()));
        }
        List<ClientKind> clients = options.client().map(List::of).orElse(Arrays.asList(ClientKind.values()));
        List<Target> targets = new ArrayList<>();
        List<Path> lookedAt = new ArrayList<>();
        for (ClientKind client : clients) {
            List<Path> candidates = client.configCandidates(platform);
            lookedAt.addAll(candidates);
            candidates.stream()
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .ifPresent(path -> targets.add(new Target(path, Optional.of(client))));
        }
        if (targets.isEmpty()) {
            String which = options.client().map(ClientKind::displayName).orElse("any MCP client");
            throw new WrapException("found no config of " + which + " (looked at " + lookedAt
                    + "); pass --config FILE to name the file");
        }
        return targets;
    }

    private static void checkOnlyNamesExist(Set<String> only, List<Plan> plans) {
        Set<String> known = new TreeSet<>();
        plans.forEach(plan -> plan.entries().forEach(entry -> known.add(entry.name())));
        Set<String> all = new TreeSet<>();
        plans.forEach(plan -> allNames(plan, all));
        List<String> missing =
                only.stream().filter(name -> !known.contains(name)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new UsageException("no server named " + String.join(", ", missing) + " in "
                    + plans.stream()
                            .map(plan -> plan.document().path().toString())
                            .toList()
                    + "; the servers there are: " + (all.isEmpty() ? "(none)" : String.join(", ", all)));
        }
    }

    private static void allNames(Plan plan, Set<String> names) {
        ObjectNode root = plan.document().copyOfRoot();
        ConfigFormat format = plan.target().client().map(ClientKind::format).orElseGet(() -> ConfigFormat.detect(root));
        format.serverMaps(root)
                .forEach(map -> names.addAll(map.servers().properties().stream()
                        .map(Map.Entry::getKey)
                        .toList()));
    }

    private void report(Plan plan, Mode mode) {
        out.println(plan.target().label() + ": " + plan.document().path());
        if (plan.entries().isEmpty()) {
            out.println("  (no MCP servers configured here)");
        }
        String verb = mode == Mode.WRAP ? "wrapped" : "unwrapped";
        for (ConfigRewriter.EntryResult entry : plan.entries()) {
            String name = entry.location().startsWith("projects[")
                    ? entry.name() + " (" + entry.location() + ")"
                    : entry.name();
            String line = switch (entry.change()) {
                case EntryChange.Changed changed -> "%-10s%s: %s".formatted(verb, name, changed.summary());
                case EntryChange.Unchanged unchanged -> "%-10s%s: %s".formatted("unchanged", name, unchanged.reason());
                case EntryChange.Skipped skipped -> "%-10s%s: %s".formatted("skipped", name, skipped.reason());
            };
            out.println("  " + line);
        }
    }

    private void warnAboutComments(Plan plan) {
        if (!plan.inPlace() && plan.document().hadComments()) {
            err.println("patchwork wrap: note: " + plan.document().path()
                    + " had comments or trailing commas; the rewritten file has none (the backup keeps them)");
        }
    }

    private void printClaudeAddLines(List<Plan> plans) {
        List<String> lines = new ArrayList<>();
        for (Plan plan : plans) {
            for (ConfigRewriter.EntryResult entry : plan.entries()) {
                if (entry.after() instanceof ObjectNode after && EntryWrapper.isWrapped(after)) {
                    lines.add(ClaudeAddLine.of(entry.name(), after));
                }
            }
        }
        if (!lines.isEmpty()) {
            out.println();
            out.println("Prefer the Claude Code CLI? The same servers, one command each:");
            lines.forEach(line -> out.println("  " + line));
        }
    }

    private void printNextSteps(WrapOptions options, List<Plan> plans) {
        out.println();
        if (options.dryRun()) {
            out.println("Dry run: nothing was written. Run again without --dry-run to apply.");
            return;
        }
        if (plans.stream().noneMatch(Plan::changed)) {
            out.println("Nothing to change.");
            return;
        }
        out.println("Restart the client (or reload its MCP servers) to pick up the change.");
        if (!options.unwrap()) {
            out.println("Reports go to the sidecar (FEEDBACK_SIDECAR_URL, default http://127.0.0.1:8099): "
                    + "start it with 'patchwork sidecar'. Undo with 'patchwork wrap --unwrap' and the same options.");
        }
    }
}
