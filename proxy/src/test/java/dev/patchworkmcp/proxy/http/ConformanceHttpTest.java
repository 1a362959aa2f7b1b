package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The official conformance suite ({@code @modelcontextprotocol/conformance}) directly against a server and through
 * the real proxy serving HTTP: no check that passes directly may fail through the proxy, and the proxy passes the
 * DNS-rebinding checks that server-everything itself fails. Two servers: server-everything (most scenarios call
 * {@code test_*} tools it lacks), and {@link ConformanceServer}, the test sources' own server that has them
 * (bridged to HTTP by supergateway for the direct run).
 */
class ConformanceHttpTest {
    private static final ConformanceRuns SUITE = new ConformanceRuns(
            List.of("node", HttpNodePeers.module("conformance/dist/index.js").toString()),
            HttpNodePeers.DIR,
            List.of());

    private static HttpNodePeers.Remote remote;
    private static Map<String, JsonNode> direct;

    @BeforeAll
    static void runDirectly(@TempDir Path results) throws Exception {
        HttpNodePeers.install();
        remote = HttpNodePeers.startEverything("streamableHttp");
        direct = conformance(remote.url(), results.resolve("direct"));
    }

    @AfterAll
    static void stopRemote() {
        if (remote != null) {
            remote.close();
        }
    }

    @Test
    @Timeout(300)
    void everyCheckPassingDirectlyPassesThroughTheProxyWithAStdioUpstream(@TempDir Path results) throws Exception {
        List<String> args = new ArrayList<>(List.of("--name", "everything", "--"));
        args.addAll(HttpNodePeers.everythingStdio());
        try (HttpProxyProcess proxy = HttpProxyProcess.start(results, args)) {
            Map<String, JsonNode> proxied = throughProxy(proxy, results, direct);

            assertNoRegression(proxied);
        }
    }

    @Test
    @Timeout(300)
    void everyCheckPassingDirectlyPassesThroughTheProxyWithARemoteUpstream(@TempDir Path results) throws Exception {
        try (HttpProxyProcess proxy = HttpProxyProcess.start(results, List.of("--url", remote.url()))) {
            Map<String, JsonNode> proxied = throughProxy(proxy, results, direct);

            assertNoRegression(proxied);
        }
    }

    @Test
    @Timeout(600)
    void everyScenarioTheConformanceServerPassesDirectlyPassesThroughTheProxy(@TempDir Path results) throws Exception {
        Map<String, JsonNode> baseline;
        try (HttpNodePeers.Remote bridged = HttpNodePeers.startConformanceServerOverHttp()) {
            baseline = conformance(bridged.url(), results.resolve("direct"));
        }
        List<String> args = new ArrayList<>(List.of("--name", "conformance", "--"));
        args.addAll(HttpNodePeers.conformanceServerStdio());

        Map<String, JsonNode> proxied;
        try (HttpProxyProcess proxy = HttpProxyProcess.start(results, args)) {
            proxied = throughProxy(proxy, results, baseline);
        }

        assertThat(passedScenarios(baseline))
                .as("scenarios the conformance server passes directly")
                .hasSizeGreaterThanOrEqualTo(20);
        assertNoRegression(baseline, proxied);
        assertThat(passedScenarios(proxied)).containsAll(passedScenarios(baseline));
    }

    private static void assertNoRegression(Map<String, JsonNode> proxied) {
        ConformanceRuns.assertNoRegression(direct, proxied);
    }

    private static void assertNoRegression(Map<String, JsonNode> baseline, Map<String, JsonNode> proxied) {
        ConformanceRuns.assertNoRegression(baseline, proxied);
    }

    private static Map<String, JsonNode> throughProxy(
            HttpProxyProcess proxy, Path results, Map<String, JsonNode> baseline) throws Exception {
        return SUITE.throughProxy(proxy, results, baseline);
    }

    private static List<String> passedScenarios(Map<String, JsonNode> checks) {
        return ConformanceRuns.passedScenarios(checks);
    }

    private static Map<String, JsonNode> conformance(String url, Path output) throws Exception {
        return SUITE.run(url, output);
    }
}
