package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one build of the official conformance suite ({@code @modelcontextprotocol/conformance}) against MCP
 * endpoints and compares runs: "scenario/check id" to the check, scenarios passed, no check passing in a baseline
 * run failing in another.
 *
 * @param command the suite's command line before {@code server} ({@code node <suite>/dist/index.js})
 * @param workDir where the suite runs
 * @param options more options of {@code server}, e.g. {@code --requirements 2026-07-28}
 */
record ConformanceRuns(List<String> command, Path workDir, List<String> options) {
    private static final Pattern SCENARIO_DIR = Pattern.compile("^server-(.+)-\\d{4}-\\d{2}-\\d{2}T.*$");

    static String status(JsonNode check) {
        return check == null ? "MISSING" : check.path("status").asText();
    }

    Map<String, JsonNode> run(String url, Path output) throws Exception {
        return run(url, output, null);
    }

    /**
     * Runs the suite (or one {@code scenario}) against {@code url}; returns "scenario/check id" to the check.
     */
    Map<String, JsonNode> run(String url, Path output, String scenario) throws Exception {
        Files.createDirectories(output);
        Path log = output.resolve("conformance.log");
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("server", "--url", url, "-o", output.toString()));
        full.addAll(options);
        if (scenario != null) {
            full.addAll(List.of("--scenario", scenario));
        }
        Process process = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(240, TimeUnit.SECONDS)) {
            HttpNodePeers.stopTree(process);
            throw new AssertionError("the conformance suite ran past 240 s:\n" + Files.readString(log));
        }
        Map<String, JsonNode> checks = readChecks(output);
        long ok = checks.values().stream()
                .filter(check -> status(check).equals("SUCCESS"))
                .count();
        long scenarios = checks.keySet().stream()
                .map(key -> key.substring(0, key.indexOf('/')))
                .distinct()
                .count();
        System.out.println("conformance " + options + " against " + url + " -> " + ok + " checks ok / "
                + (checks.size() - ok) + " not ok; scenarios passed "
                + passedScenarios(checks).size() + " of "
                + scenarios + ": " + passedScenarios(checks));
        assertThat(checks)
                .as("conformance results; log:\n" + Files.readString(log))
                .isNotEmpty();
        return checks;
    }

    /**
     * The suite through the proxy. A scenario with a check that passed directly but not here runs once more on
     * its own (under a requirement set, which names its scenarios itself, the whole set runs once more): some
     * checks are timing-bound (e.g. three log notifications within 200 ms of the call's answer) and a loaded machine
     * can miss them once; a real regression fails twice.
     */
    Map<String, JsonNode> throughProxy(HttpProxyProcess proxy, Path results, Map<String, JsonNode> baseline)
            throws Exception {
        Map<String, JsonNode> proxied = new TreeMap<>(run(proxy.url("/mcp"), results.resolve("checks"), null));
        List<String> regressed = baseline.entrySet().stream()
                .filter(check -> status(check.getValue()).equals("SUCCESS"))
                .filter(check -> !passesThroughTheProxy(check.getKey(), proxied.get(check.getKey())))
                .map(check -> check.getKey().substring(0, check.getKey().indexOf('/')))
                .distinct()
                .toList();
        if (!regressed.isEmpty() && options.contains("--requirements")) {
            // A requirement set fixes its own scenarios and the suite refuses --scenario beside it: run the whole
            // set once more and take the regressed scenarios' checks from that run.
            System.out.println("conformance: running the requirement set once more through the proxy for " + regressed);
            run(proxy.url("/mcp"), results.resolve("again"), null).forEach((key, check) -> {
                if (regressed.contains(key.substring(0, key.indexOf('/')))) {
                    proxied.put(key, check);
                }
            });
            return proxied;
        }
        for (String scenario : regressed) {
            System.out.println("conformance: running " + scenario + " once more through the proxy");
            proxied.putAll(run(proxy.url("/mcp"), results.resolve("again-" + scenario), scenario));
        }
        return proxied;
    }

    /** Scenarios none of whose checks failed. */
    static List<String> passedScenarios(Map<String, JsonNode> checks) {
        Map<String, Boolean> scenarios = new TreeMap<>();
        checks.forEach((key, check) -> scenarios.merge(
                key.substring(0, key.indexOf('/')), !status(check).equals("FAILURE"), Boolean::logicalAnd));
        return scenarios.entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Every check passing in {@code baseline} passes in {@code proxied}, and the proxy rejects DNS rebinding. */
    /**
     * The proxy answers a POST whose sole answer is ready at once as JSON, where an upstream may stream it: the suite
     * then reports this check as INFO ("SSE streaming is optional"), which is no failure.
     */
    private static final String SSE_OPTIONAL = "server-sse-multiple-streams/server-sse-streams-functional";

    /** SUCCESS, or the INFO the suite gives the optional-SSE check when the answers came as JSON. */
    private static boolean passesThroughTheProxy(String check, JsonNode proxied) {
        String status = status(proxied);
        return status.equals("SUCCESS")
                || (check.equals(SSE_OPTIONAL)
                        && status.equals("INFO")
                        && proxied.path("details").path("message").asText().contains("SSE streaming is optional"));
    }

    static void assertNoRegression(Map<String, JsonNode> baseline, Map<String, JsonNode> proxied) {
        List<String> passedDirectly = baseline.entrySet().stream()
                .filter(check -> status(check.getValue()).equals("SUCCESS"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(passedDirectly).as("checks passing directly").hasSizeGreaterThanOrEqualTo(10);
        for (String check : passedDirectly) {
            assertThat(passesThroughTheProxy(check, proxied.get(check)))
                    .as(check + " passes directly; through the proxy: " + proxied.get(check))
                    .isTrue();
        }
        for (String check : List.of(
                "dns-rebinding-protection/localhost-host-rebinding-rejected",
                "dns-rebinding-protection/localhost-host-valid-accepted")) {
            assertThat(status(proxied.get(check)))
                    .as(check + ": " + proxied.get(check))
                    .isEqualTo("SUCCESS");
        }
    }

    private static Map<String, JsonNode> readChecks(Path output) throws IOException {
        Map<String, JsonNode> checks = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> dirs = Files.list(output)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Matcher scenario = SCENARIO_DIR.matcher(dir.getFileName().toString());
                Path file = dir.resolve("checks.json");
                if (!scenario.matches() || !Files.exists(file)) {
                    continue;
                }
                for (JsonNode check : json.readTree(file.toFile())) {
                    checks.put(scenario.group(1) + "/" + check.path("id").asText(), check);
                }
            }
        }
        return checks;
    }
}
