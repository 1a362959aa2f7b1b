package dev.patchworkmcp.sidecar;

import dev.patchworkmcp.commandline.CommandSyntax;
import dev.patchworkmcp.commandline.ParsedCommandLine;
import dev.patchworkmcp.commandline.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code patchwork recluster [--server NAME]}: asks a running sidecar to rebuild its clusters (all servers, or one),
 * keeping reviewer decisions, and prints the sidecar's answer. The sidecar's address comes from
 * {@code FEEDBACK_SIDECAR_URL} and its admin key from {@code FEEDBACK_ADMIN_KEY}, never from the command line, where
 * every user would see it. Exit codes: 0 done, 1 the sidecar is unreachable or failed, 2 usage, a refused key or
 * request. Stateless.
 */
public final class ReclusterCommand {

    static final String USAGE = """
            Usage: patchwork recluster [--server NAME]

            Rebuilds the clusters of a running sidecar (every server, or the one named), keeping reviewer decisions,
            and prints its answer (reports, clusters before and after).

              --server NAME   only this server's reports
              -h, --help      show this help

            Environment:
              FEEDBACK_SIDECAR_URL  the sidecar (default http://127.0.0.1:8099)
              FEEDBACK_ADMIN_KEY    its admin key, when it has one
            """;

    private static final CommandSyntax SYNTAX = CommandSyntax.of("recluster").withOption("--server");
    private static final String DEFAULT_SIDECAR = "http://127.0.0.1:8099";

    private ReclusterCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command and returns its exit code; the same code path as {@link #main}. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            ParsedCommandLine parsed = SYNTAX.parse(List.of(args));
            if (parsed.help()) {
                out.print(USAGE);
                return 0;
            }
            String server = parsed.value("--server");
            if (server != null && server.isBlank()) {
                throw new UsageException("--server needs a server name" + SYNTAX.helpHint());
            }
            String base = env.getOrDefault("FEEDBACK_SIDECAR_URL", "");
            base = base.isBlank() ? DEFAULT_SIDECAR : base.strip();
            return post(base, server, env.getOrDefault("FEEDBACK_ADMIN_KEY", ""), out, err);
        } catch (UsageException e) {
            err.println("patchwork recluster: " + e.getMessage());
            return 2;
        }
    }

    private static int post(String base, String server, String adminKey, PrintStream out, PrintStream err) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(base, server))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (!adminKey.isBlank()) {
            request.header("Authorization", "Bearer " + adminKey.strip());
        }
        HttpResponse<String> response;
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("patchwork recluster: cannot reach the sidecar at " + base
                    + "; start it ('patchwork sidecar') or set FEEDBACK_SIDECAR_URL.");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("patchwork recluster: interrupted while waiting for the sidecar at " + base);
            return 1;
        }
        int status = response.statusCode();
        if (status == 200) {
            out.println(response.body());
            return 0;
        }
        if (status == 401 || status == 403) {
            err.println("patchwork recluster: the sidecar refused the admin key (" + status
                    + "): set FEEDBACK_ADMIN_KEY to its admin key. " + response.body());
            return 2;
        }
        err.println("patchwork recluster: the sidecar answered " + status + ": " + response.body());
        return status >= 400 && status < 500 ? 2 : 1;
    }

    private static URI uri(String base, String server) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String query = server == null
                ? ""
                : "?server_name="
                        + URLEncoder.encode(server, StandardCharsets.UTF_8).replace("+", "%20");
        try {
            URI uri = URI.create(trimmed + "/api/clusters/recluster" + query);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UsageException("FEEDBACK_SIDECAR_URL '" + base + "' is not an http(s) URL; set it to the "
                + "sidecar's address, e.g. " + DEFAULT_SIDECAR);
    }
}
