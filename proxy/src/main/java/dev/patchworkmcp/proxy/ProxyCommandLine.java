package dev.patchworkmcp.proxy;

import dev.patchworkmcp.commandline.CommandSyntax;
import dev.patchworkmcp.commandline.OptionValue;
import dev.patchworkmcp.commandline.ParsedCommandLine;
import dev.patchworkmcp.commandline.UsageException;
import dev.patchworkmcp.proxy.calls.CallRecordMode;
import dev.patchworkmcp.proxy.http.ConnectionLimits;
import dev.patchworkmcp.proxy.http.HttpFrontEndOptions;
import dev.patchworkmcp.proxy.outbox.OutboxSender;
import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the arguments of {@code patchwork proxy} (and the environment variables that give their defaults)
 * into a {@link ProxyConfig}. Every mistake becomes a {@link UsageException} whose message names the offending
 * value and the fix. Stateless and thread-safe.
 */
public final class ProxyCommandLine {

    /** What the command line asks for. */
    public sealed interface Invocation {}

    /** Run the proxy. */
    public record Run(ProxyConfig config) implements Invocation {}

    /** Print {@link #usage()}. */
    public record Help() implements Invocation {}

    /** Print the version. */
    public record Version() implements Invocation {}

    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /**
     * Every option of {@link #usage()}. The first argument that is not an option starts the server command (clients
     * such as the MCP Inspector drop the '--' before it).
     */
    private static final CommandSyntax SYNTAX = CommandSyntax.of("proxy")
            .withFlag("-v", "--verbose")
            .withFlag("--version")
            .withOption("--name")
            .withOption("--sidecar")
            .withOption("--api-key")
            .withOption("--call-records")
            .withOption("--serve")
            .withOption("--host")
            .withOption("--port")
            .withOption("--http-token")
            .withOption("--session-idle-timeout")
            .withOption("--max-children")
            .withOption("--max-connections")
            .withOption("--connection-idle-timeout")
            .withOption("--header-timeout")
            .withOption("--allowed-host")
            .withOption("--allowed-origin")
            .withOption("--cors-origin")
            .withOption("--outbox")
            .withOption("--tool-name")
            .withOption("--feedback-wait")
            .withOption("--url")
            .withOption("--transport")
            .withOption("--header")
            .withOption("--header-env")
            .withOption("--env")
            .withCommandOperand()
            .withUnknownOptionAdvice("To pass it to the server, put it after the server command.");

    private static final String HELP_HINT = SYNTAX.helpHint();

    private ProxyCommandLine() {}

    /** Parses {@code args}; {@code env} supplies the defaults documented in {@link #usage()}. */
    public static Invocation parse(List<String> args, Map<String, String> env) {
        ParsedCommandLine parsed = SYNTAX.parse(args);
        if (parsed.help()) {
            return new Help();
        }
        if (parsed.has("--version")) {
            return new Version();
        }
        Options options = new Options(env);
        for (OptionValue option : parsed.options()) {
            if (option.name().equals("-v")) {
                options.verbose = true;
            } else {
                options.set(option.name(), option.value());
            }
        }
        options.command = parsed.operands();
        if (options.command.isEmpty() && args.contains("--")) {
            throw new UsageException("'--' must be followed by the server command, e.g. '-- npx -y "
                    + "@modelcontextprotocol/server-everything'" + HELP_HINT);
        }
        return new Run(options.build());
    }

    /** The text of {@code --help}. */
    public static String usage() {
        return """
                Usage: patchwork proxy [options] [--] <command> [args...]
                       patchwork proxy [options] --url <url> [--transport streamable-http|sse] [--header "Name: value"]...

                Wraps an MCP server, relays every message unchanged and adds a feedback tool whose reports go to
                the PatchworkMCP sidecar (kept in an on-disk outbox until the sidecar has them).

                Upstream (exactly one):
                  <command> [args...]        run the server as a child process over stdio; the first
                                             argument that is not an option starts it ('--' before it
                                             is optional)
                  --url <url>                connect to a remote server
                  --transport <t>            streamable-http (default) or sse, with --url
                  --header "Name: value"     HTTP header sent to the remote server, repeatable, with --url
                  --header-env Name=VAR      the same, its value read from the environment variable VAR, so a
                                             secret stays out of the command line (seen by every user in ps)
                  --env NAME=value           environment variable for the child process, repeatable

                Reports:
                  --name <name>              server name on reports [PATCHWORK_SERVER_NAME; default: from the command]
                  --sidecar <url>            sidecar base URL [FEEDBACK_SIDECAR_URL; default: http://127.0.0.1:8099]
                  --api-key <key>            sidecar ingest key [FEEDBACK_API_KEY; default: none]
                  --outbox <dir>             outbox of undelivered reports [PATCHWORK_OUTBOX;
                                             default: ${XDG_STATE_HOME:-~/.local/state}/patchworkmcp/outbox]
                  --tool-name <name>         name of the feedback tool [PATCHWORK_TOOL_NAME; default: feedback]
                  --feedback-wait <d>        let the feedback tool wait up to this long for the sidecar to take
                                             a report, to quote the sidecar's id (seconds such as 1.5, or
                                             ISO-8601) [PATCHWORK_FEEDBACK_WAIT; default: 0, never waits]
                  --call-records <mode>      send a record of every relayed call (method, tool, outcome,
                                             latency, sizes) to the sidecar: on, off, or values (arguments
                                             too, masked by the sidecar) [PATCHWORK_CALL_RECORDS; default: on]

                Serving:
                  --serve stdio|http         how the client connects [PATCHWORK_SERVE; default: stdio]
                  --host <host>              HTTP bind address [PATCHWORK_PROXY_HOST; default: 127.0.0.1]
                  --port <port>              HTTP port [PATCHWORK_PROXY_PORT; default: 8787]
                  --http-token <token>       bearer token required by the HTTP front end [PATCHWORK_PROXY_TOKEN]
                  --session-idle-timeout <d> close idle HTTP sessions and stop their upstream after <d>
                                             (seconds, or ISO-8601 such as PT2M) [default: 120]
                  --max-children <n>         at most <n> HTTP clients with an upstream each; at the bound the
                                             least recently active idle one is closed [default: 16]
                  --max-connections <n>      at most <n> open HTTP connections; more clients wait to be
                                             accepted [default: 1000, lowered to fit ulimit -n]
                  --connection-idle-timeout <d>
                                             close a connection with no request for <d> (seconds, or
                                             ISO-8601) [default: 60]
                  --header-timeout <d>       close a request whose headers are not all in <d> after its
                                             first line [default: 10]
                  --allowed-host <name>      extra Host name accepted besides loopback, repeatable
                  --allowed-origin <origin>  extra browser Origin accepted besides loopback, repeatable
                  --cors-origin <origin>     enable CORS for this browser origin (preflight, Mcp-Session-Id
                                             exposed; also allowed), repeatable [default: none, no CORS]

                Other:
                  -v, --verbose              debug logs and stack traces on stderr
                  --version                  print the version
                  -h, --help                 print this help

                Exit codes: 0 client went away, 1 runtime failure, 2 usage error.
                Example: patchwork proxy --name everything npx -y @modelcontextprotocol/server-everything
                """;
    }

    /** The server name a command or URL suggests, e.g. {@code server-everything} for an npx package. */
    public static String deriveServerName(UpstreamTarget upstream) {
        return switch (upstream) {
            case UpstreamTarget.Stdio stdio -> nameFromCommand(stdio.command());
            case UpstreamTarget.StreamableHttp http -> nameFromUrl(http.url());
            case UpstreamTarget.Sse sse -> nameFromUrl(sse.url());
        };
    }

    private static String nameFromCommand(List<String> command) {
        List<String> launchers = List.of(
                "npx", "node", "bunx", "bun", "deno", "uvx", "uv", "python", "python3", "pipx", "java", "docker",
                "pnpm", "yarn", "run", "dlx", "exec", "tool", "-m", "-jar");
        String candidate = null;
        for (String part : command) {
            String base = Path.of(part).getFileName() == null
                    ? part
                    : Path.of(part).getFileName().toString();
            if (part.startsWith("-") && !part.equals("-m") && !part.equals("-jar")) {
                continue;
            }
            if (launchers.contains(base)) {
                continue;
            }
            candidate = part;
            break;
        }
        if (candidate == null) {
            candidate = command.get(0);
        }
        String name = candidate;
        int slash = name.lastIndexOf('/');
        if (name.startsWith("@") && slash > 0) {
            name = name.substring(slash + 1);
        } else if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        int at = name.indexOf('@', 1);
        if (at > 0) {
            name = name.substring(0, at);
        }
        name = name.replaceFirst("\\.(js|mjs|cjs|ts|py|jar|exe)$", "");
        if (name.equals("index") || name.equals("main") || name.equals("server") || name.isBlank()) {
            Path parent = Path.of(candidate).getParent();
            if (parent != null && parent.getFileName() != null) {
                String dir = parent.getFileName().toString();
                name = dir.equals("dist") || dir.equals("build") || dir.equals("src")
                        ? (parent.getParent() != null && parent.getParent().getFileName() != null
                                ? parent.getParent().getFileName().toString()
                                : name)
                        : dir;
            }
        }
        return name.isBlank() ? "mcp-server" : name;
    }

    private static String nameFromUrl(URI url) {
        return url.getHost() == null ? "mcp-server" : url.getHost();
    }

    /** Accumulates options while parsing; turned into a record by {@link #build()}. */
    private static final class Options {
        private final Map<String, String> env;
        private String name;
        private String sidecar;
        private String apiKey;
        private String callRecords;
        private String serve;
        private String host;
        private String port;
        private String httpToken;
        private String idleTimeout;
        private String maxChildren;
        private String maxConnections;
        private String connectionIdleTimeout;
        private String headerTimeout;
        private final List<String> allowedHosts = new ArrayList<>();
        private final List<String> allowedOrigins = new ArrayList<>();
        private final List<String> corsOrigins = new ArrayList<>();
        private String outbox;
        private String toolName;
        private String feedbackWait;
        private String url;
        private String transport;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> childEnv = new LinkedHashMap<>();
        private List<String> command = List.of();
        private boolean verbose;

        Options(Map<String, String> env) {
            this.env = env;
        }

        void set(String option, String value) {
            switch (option) {
                case "--name" -> name = nonBlank(option, value);
                case "--sidecar" -> sidecar = value;
                case "--api-key" -> apiKey = value;
                case "--call-records" -> callRecords = value;
                case "--serve" -> serve = value;
                case "--host" -> host = nonBlank(option, value);
                case "--port" -> port = value;
                case "--http-token" -> httpToken = value;
                case "--session-idle-timeout" -> idleTimeout = nonBlank(option, value);
                case "--max-children" -> maxChildren = nonBlank(option, value);
                case "--max-connections" -> maxConnections = nonBlank(option, value);
                case "--connection-idle-timeout" -> connectionIdleTimeout = nonBlank(option, value);
                case "--header-timeout" -> headerTimeout = nonBlank(option, value);
                case "--allowed-host" -> allowedHosts.add(nonBlank(option, value));
                case "--allowed-origin" -> allowedOrigins.add(nonBlank(option, value));
                case "--cors-origin" -> corsOrigins.add(nonBlank(option, value));
                case "--outbox" -> outbox = nonBlank(option, value);
                case "--tool-name" -> toolName = value;
                case "--feedback-wait" -> feedbackWait = nonBlank(option, value);
                case "--url" -> url = value;
                case "--transport" -> transport = value;
                case "--header" -> addHeader(value);
                case "--header-env" -> addHeaderFromEnvironment(value);
                case "--env" -> addEnv(value);
                default -> throw new IllegalStateException("option " + option + " is declared but not read");
            }
        }

        private static String nonBlank(String option, String value) {
            if (value.isBlank()) {
                throw new UsageException("option " + option + " needs a non-empty value" + HELP_HINT);
            }
            return value;
        }

        private void addHeader(String value) {
            int colon = value.indexOf(':');
            String headerName = colon > 0 ? value.substring(0, colon).trim() : "";
            if (colon <= 0 || !HEADER_NAME.matcher(headerName).matches()) {
                throw new UsageException("--header '" + value + "' is not 'Name: value', e.g. --header "
                        + "\"Authorization: Bearer <token>\"" + HELP_HINT);
            }
            headers.put(headerName, value.substring(colon + 1).trim());
        }

        private void addHeaderFromEnvironment(String value) {
            int eq = value.indexOf('=');
            String headerName = eq > 0 ? value.substring(0, eq).trim() : "";
            String variable = eq > 0 ? value.substring(eq + 1).trim() : "";
            if (!HEADER_NAME.matcher(headerName).matches()
                    || !ENV_NAME.matcher(variable).matches()) {
                throw new UsageException("--header-env '" + value + "' is not 'Name=VARIABLE', e.g. --header-env "
                        + "Authorization=PATCHWORK_HEADER_AUTHORIZATION" + HELP_HINT);
            }
            String headerValue = env.get(variable);
            if (headerValue == null || headerValue.isBlank()) {
                throw new UsageException("--header-env " + headerName + "=" + variable + ": the environment variable "
                        + variable + " is not set; set it to the header's value (e.g. in the client entry's \"env\")");
            }
            headers.put(headerName, headerValue.strip());
        }

        private void addEnv(String value) {
            int eq = value.indexOf('=');
            if (eq <= 0 || !ENV_NAME.matcher(value.substring(0, eq)).matches()) {
                throw new UsageException(
                        "--env '" + value + "' is not NAME=value, e.g. --env API_TOKEN=abc" + HELP_HINT);
            }
            childEnv.put(value.substring(0, eq), value.substring(eq + 1));
        }

        ProxyConfig build() {
            UpstreamTarget upstream = upstream();
            ProxyConfig.Serve serveMode = serveMode();
            boolean httpOptions = host != null
                    || port != null
                    || httpToken != null
                    || idleTimeout != null
                    || maxChildren != null
                    || maxConnections != null
                    || connectionIdleTimeout != null
                    || headerTimeout != null
                    || !allowedHosts.isEmpty()
                    || !allowedOrigins.isEmpty()
                    || !corsOrigins.isEmpty();
            if (serveMode == ProxyConfig.Serve.STDIO && httpOptions) {
                throw new UsageException(
                        "--host, --port, --http-token, --session-idle-timeout, --max-children, --max-connections, "
                                + "--connection-idle-timeout, --header-timeout, --allowed-host, "
                                + "--allowed-origin and --cors-origin only apply to --serve http; add '--serve http' or drop "
                                + "them" + HELP_HINT);
            }
            String chosenToolName = firstNonBlank(toolName, env.get("PATCHWORK_TOOL_NAME"), "feedback");
            if (!TOOL_NAME.matcher(chosenToolName).matches()) {
                throw new UsageException("--tool-name '" + chosenToolName + "' is not a valid tool name: use 1 "
                        + "to 64 letters, digits, '_', '-' or '.', e.g. --tool-name report_gap");
            }
            String serverName = firstNonBlank(name, env.get("PATCHWORK_SERVER_NAME"), null);
            return new ProxyConfig(
                    serverName == null ? deriveServerName(upstream) : serverName,
                    sidecarUri(),
                    firstNonBlank(apiKey, env.get("FEEDBACK_API_KEY"), null),
                    serveMode,
                    httpOptions(),
                    outboxDir(),
                    chosenToolName,
                    upstream,
                    verbose,
                    feedbackWait(),
                    callRecords());
        }

        private CallRecordMode callRecords() {
            String chosen = firstNonBlank(callRecords, env.get("PATCHWORK_CALL_RECORDS"), "on");
            CallRecordMode mode = CallRecordMode.parse(chosen);
            if (mode == null) {
                throw new UsageException("--call-records '" + chosen + "' is not one of on, off, values" + HELP_HINT);
            }
            return mode;
        }

        private Duration feedbackWait() {
            String chosen = firstNonBlank(feedbackWait, env.get("PATCHWORK_FEEDBACK_WAIT"), null);
            if (chosen == null) {
                return OutboxSender.DEFAULT_IMMEDIATE_WAIT;
            }
            try {
                Duration wait = chosen.strip().matches("\\d+(\\.\\d+)?")
                        ? Duration.ofMillis(Math.round(Double.parseDouble(chosen.strip()) * 1000))
                        : Duration.parse(chosen.strip().toUpperCase(Locale.ROOT));
                if (!wait.isNegative() && wait.compareTo(Duration.ofSeconds(30)) <= 0) {
                    return wait;
                }
            } catch (RuntimeException e) {
                // reported below
            }
            throw new UsageException("--feedback-wait '" + chosen + "' is not a duration from 0 to 30 seconds; "
                    + "use seconds (1.5) or ISO-8601 (PT1.5S)" + HELP_HINT);
        }

        private UpstreamTarget upstream() {
            if (url != null && !command.isEmpty()) {
                throw new UsageException("both --url and a server command were given; wrap either a remote "
                        + "server (--url) or a local one (<command> [args...]), not both");
            }
            if (url == null && command.isEmpty()) {
                throw new UsageException("no server to wrap: add '<command> [args...]' for a local server or "
                        + "'--url <url>' for a remote one" + HELP_HINT);
            }
            if (url == null) {
                if (transport != null || !headers.isEmpty()) {
                    throw new UsageException(
                            "--transport, --header and --header-env only apply to --url; drop them for a "
                                    + "server started as a command");
                }
                return new UpstreamTarget.Stdio(command, childEnv, null);
            }
            if (!childEnv.isEmpty()) {
                throw new UsageException("--env only applies to a server started as a command; for --url, the "
                        + "remote server's environment is its own (use --header to pass credentials)");
            }
            URI uri = httpUri("--url", url);
            String chosen = transport == null ? "streamable-http" : transport;
            return switch (chosen) {
                case "streamable-http" -> new UpstreamTarget.StreamableHttp(uri, headers);
                case "sse" -> new UpstreamTarget.Sse(uri, headers);
                default ->
                    throw new UsageException("--transport '" + chosen + "' is not known; use "
                            + "'streamable-http' (default) or 'sse' (the legacy HTTP+SSE transport)");
            };
        }

        private ProxyConfig.Serve serveMode() {
            String chosen = firstNonBlank(serve, env.get("PATCHWORK_SERVE"), "stdio");
            return switch (chosen) {
                case "stdio" -> ProxyConfig.Serve.STDIO;
                case "http" -> ProxyConfig.Serve.HTTP;
                default ->
                    throw new UsageException("--serve '" + chosen + "' is not known; use 'stdio' (a desktop "
                            + "client starts the proxy) or 'http' (clients connect to /mcp)");
            };
        }

        private HttpFrontEndOptions httpOptions() {
            try {
                return new HttpFrontEndOptions(
                        firstNonBlank(host, env.get("PATCHWORK_PROXY_HOST"), "127.0.0.1"),
                        portNumber(),
                        firstNonBlank(httpToken, env.get("PATCHWORK_PROXY_TOKEN"), null),
                        idleTimeout(),
                        allowedHosts,
                        allowedOrigins,
                        corsOrigins,
                        maxChildrenNumber(),
                        connectionLimits());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage() + HELP_HINT);
            }
        }

        private Duration idleTimeout() {
            if (idleTimeout == null) {
                return HttpFrontEndOptions.DEFAULT_IDLE_TIMEOUT;
            }
            try {
                return idleTimeout.matches("\\d+")
                        ? Duration.ofSeconds(Long.parseLong(idleTimeout))
                        : Duration.parse(idleTimeout.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new UsageException("--session-idle-timeout '" + idleTimeout + "' is not a duration; use "
                        + "seconds (600) or ISO-8601 (PT10M)" + HELP_HINT);
            }
        }

        private ConnectionLimits connectionLimits() {
            ConnectionLimits limits = ConnectionLimits.DEFAULTS;
            if (maxConnections != null) {
                try {
                    limits = limits.withMaxConnections(Integer.parseInt(maxConnections.trim()));
                } catch (NumberFormatException e) {
                    throw new UsageException("--max-connections '" + maxConnections + "' is not a number; use 1 or "
                            + "more, e.g. --max-connections 1000" + HELP_HINT);
                }
            }
            if (connectionIdleTimeout != null) {
                limits = limits.withIdleTimeout(duration("--connection-idle-timeout", connectionIdleTimeout));
            }
            if (headerTimeout != null) {
                limits = limits.withHeaderTimeout(duration("--header-timeout", headerTimeout));
            }
            return limits;
        }

        private static Duration duration(String option, String value) {
            try {
                return value.strip().matches("\\d+")
                        ? Duration.ofSeconds(Long.parseLong(value.strip()))
                        : Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new UsageException(option + " '" + value + "' is not a duration; use seconds (30) or ISO-8601 "
                        + "(PT30S)" + HELP_HINT);
            }
        }

        private int maxChildrenNumber() {
            if (maxChildren == null) {
                return HttpFrontEndOptions.DEFAULT_MAX_CHILDREN;
            }
            try {
                return Integer.parseInt(maxChildren.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--max-children '" + maxChildren + "' is not a number; use 1 or more, e.g."
                        + " --max-children 16" + HELP_HINT);
            }
        }

        private int portNumber() {
            String chosen = firstNonBlank(port, env.get("PATCHWORK_PROXY_PORT"), null);
            if (chosen == null) {
                return ProxyConfig.DEFAULT_HTTP_PORT;
            }
            try {
                int number = Integer.parseInt(chosen.trim());
                if (number >= 0 && number <= 65535) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(
                    "--port '" + chosen + "' is not a port number; use 1-65535, or 0 for any free port");
        }

        private URI sidecarUri() {
            String chosen = firstNonBlank(sidecar, env.get("FEEDBACK_SIDECAR_URL"), "http://127.0.0.1:8099");
            return httpUri("--sidecar", chosen.endsWith("/") ? chosen.substring(0, chosen.length() - 1) : chosen);
        }

        private Path outboxDir() {
            String chosen = firstNonBlank(outbox, env.get("PATCHWORK_OUTBOX"), null);
            if (chosen != null) {
                return Path.of(chosen).toAbsolutePath();
            }
            String state = env.get("XDG_STATE_HOME");
            Path base = state != null && !state.isBlank()
                    ? Path.of(state)
                    : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
            return base.resolve("patchworkmcp").resolve("outbox").toAbsolutePath();
        }

        private static URI httpUri(String option, String value) {
            try {
                URI uri = new URI(value.trim());
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw new UsageException(option + " '" + value + "' is not an http(s) URL; use e.g. "
                    + (option.equals("--sidecar") ? "http://127.0.0.1:8099" : "https://example.com/mcp"));
        }

        private static String firstNonBlank(String first, String second, String fallback) {
            if (first != null && !first.isBlank()) {
                return first;
            }
            if (second != null && !second.isBlank()) {
                return second;
            }
            return fallback;
        }
    }
}
