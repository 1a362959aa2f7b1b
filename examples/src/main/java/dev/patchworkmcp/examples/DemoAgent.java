package dev.patchworkmcp.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scripted MCP client of {@code patchwork demo}. Two commands:
 *
 * <pre>
 * DemoAgent run [--sidecar URL] [--run-id ID] [--report-file FILE] -- command [args...]
 * DemoAgent draft --sidecar URL --report ID --repo PATH --provider anthropic|openai
 * </pre>
 *
 * {@code run} launches the (proxied) server over stdio, lets {@link ScriptedAgent} hit the gap and call the feedback
 * tool, then checks the report reached the sidecar and writes its id to the report file. Exit codes: 0 ok, 1 the
 * loop did not close, 2 usage.
 */
public final class DemoAgent {
    static final String DEFAULT_RUN = "run_7f3a9c";

    private DemoAgent() {}

    public static void main(String[] args) {
        // Whatever way this JVM ends (Ctrl-C included), the proxy and server it launched end with it.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        int code;
        try {
            code = args.length > 0 && args[0].equals("draft") ? draft(List.of(args)) : run(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("demo agent: " + e.getMessage());
            code = 2;
        } catch (RuntimeException e) {
            System.err.println("demo agent: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(List<String> args) throws IllegalArgumentException {
        int separator = args.indexOf("--");
        if (separator < 0 || separator == args.size() - 1) {
            throw new IllegalArgumentException("usage: DemoAgent run [--sidecar URL] [--run-id ID] "
                    + "[--report-file FILE] -- command [args...]");
        }
        List<String> options = args.subList(0, separator);
        List<String> command = args.subList(separator + 1, args.size());
        String runId = option(options, "--run-id").orElse(DEFAULT_RUN);
        ServerParameters server = ServerParameters.builder(command.getFirst())
                .args(new ArrayList<>(command.subList(1, command.size())))
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper()));
        transport.setStdErrorHandler(line -> System.err.println("server> " + line));
        try (McpSyncClient client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("patchwork-demo-agent", "1.0.0"))
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60))
                .build()) {
            client.initialize();
            ScriptedAgent.Outcome outcome = new ScriptedAgent(client, System.out).ask(runId);
            if (!outcome.reported()) {
                System.out.println("demo> The agent could not report the gap.");
                return 1;
            }
            // The session stays open while we look for the report: the proxy delivers it from its outbox.
            Optional<String> sidecar = option(options, "--sidecar");
            int code = sidecar.isEmpty() ? 0 : confirm(sidecar.get(), runId, option(options, "--report-file"));
            client.closeGracefully();
            return code;
        }
    }

    private static int confirm(String sidecarUrl, String runId, Optional<String> reportFile) {
        SidecarClient sidecar = new SidecarClient(URI.create(sidecarUrl), System.getenv("FEEDBACK_ADMIN_KEY"));
        Optional<JsonNode> report = sidecar.awaitReport(CostTrackerServer.NAME, runId, Duration.ofSeconds(30));
        if (report.isEmpty()) {
            System.out.println("demo> No report from the agent reached the sidecar at " + sidecarUrl + " in 30 s.");
            return 1;
        }
        String id = report.get().path("id").asText();
        System.out.println("demo> Report " + id + " is on the sidecar: gap_type "
                + report.get().path("gap_type").asText() + ", from client "
                + report.get().path("client_name").asText("?") + ", source "
                + report.get().path("source").asText("?") + ".");
        reportFile.ifPresent(file -> write(Path.of(file), id));
        return 0;
    }

    static int draft(List<String> args) {
        String sidecarUrl = required(args, "--sidecar");
        String id = required(args, "--report");
        Path repo = Path.of(required(args, "--repo"));
        String provider = required(args, "--provider");
        SidecarClient sidecar = new SidecarClient(URI.create(sidecarUrl), System.getenv("FEEDBACK_ADMIN_KEY"));
        sidecar.configureLocalDrafting(repo, provider);
        List<String> events = new ArrayList<>();
        int status = sidecar.draft(id, line -> {
            events.add(line);
            System.out.println("draft> " + line);
        });
        Optional<String> done = events.stream()
                .filter(line -> line.startsWith("done:"))
                .map(line -> line.substring("done:".length()).trim())
                .findFirst();
        if (status >= 400 || done.isEmpty()) {
            return 1;
        }
        String branch = readBranch(done.get());
        System.out.println("demo> The fix is on branch " + branch + " of " + repo + ". See it with:");
        System.out.println("demo>   git -C " + repo + " show " + branch);
        return 0;
    }

    private static String readBranch(String doneData) {
        try {
            return new ObjectMapper().readTree(doneData).path("branch").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static Optional<String> option(List<String> args, String name) {
        int index = args.indexOf(name);
        if (index < 0) {
            return Optional.empty();
        }
        if (index + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return Optional.of(args.get(index + 1));
    }

    private static String required(List<String> args, String name) {
        return option(args, name).orElseThrow(() -> new IllegalArgumentException("draft needs " + name));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
