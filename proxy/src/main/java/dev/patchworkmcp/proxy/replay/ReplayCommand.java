package dev.patchworkmcp.proxy.replay;

import dev.patchworkmcp.commandline.CommandSyntax;
import dev.patchworkmcp.commandline.ParsedCommandLine;
import dev.patchworkmcp.commandline.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code patchwork replay [--url <sidecar-url>] <spool-file>}: delivers the reports a drop-in spooled while
 * the sidecar was down, exactly once, and removes them from the spool. The sidecar URL and ingest key come
 * from {@code FEEDBACK_SIDECAR_URL} and {@code FEEDBACK_API_KEY}. Exit codes: 0 every report delivered,
 * 1 some kept in the spool, 2 usage or unreadable file. Stateless.
 */
public final class ReplayCommand {

    static final String USAGE = "usage: patchwork replay [--url <sidecar-url>] <spool-file>";

    private static final CommandSyntax SYNTAX =
            CommandSyntax.of("replay").withOption("--url").withOperands(1);

    private ReplayCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command and returns its exit code; the same code path as {@link #main}. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        ParsedCommandLine parsed;
        try {
            parsed = SYNTAX.parse(List.of(args));
        } catch (UsageException e) {
            err.println("patchwork replay: " + e.getMessage());
            return 2;
        }
        if (parsed.help()) {
            out.println(USAGE);
            return 0;
        }
        String url = parsed.has("--url") ? parsed.value("--url") : env.get("FEEDBACK_SIDECAR_URL");
        if (parsed.operands().isEmpty()) {
            err.println("patchwork replay: no spool file given. " + USAGE);
            return 2;
        }
        String file = parsed.operands().getFirst();
        Path spool = Path.of(file);
        if (!Files.isRegularFile(spool)) {
            err.println("patchwork replay: " + spool.toAbsolutePath()
                    + " does not exist or is not a file; pass the path in FEEDBACK_SPOOL_PATH of your server"
                    + " (default ./patchwork-feedback-spool.jsonl in its working directory).");
            return 2;
        }
        try {
            SpoolReplayer.Result result =
                    new SpoolReplayer(url, env.getOrDefault("FEEDBACK_API_KEY", "")).replay(spool);
            for (SpoolReplayer.LineOutcome line : result.lines()) {
                if (!line.delivered()) {
                    err.println("patchwork replay: line " + line.lineNumber() + " kept: " + line.reason());
                }
            }
            long duplicates = result.lines().stream()
                    .filter(SpoolReplayer.LineOutcome::duplicate)
                    .count();
            out.println("patchwork replay: delivered " + result.delivered() + " (" + duplicates
                    + " already stored), kept " + result.kept() + " in " + spool);
            return result.kept() == 0 ? 0 : 1;
        } catch (IOException e) {
            err.println("patchwork replay: could not read or rewrite " + spool + ": " + e.getMessage()
                    + ". Check the file's permissions and its directory's free space.");
            return 2;
        }
    }
}
