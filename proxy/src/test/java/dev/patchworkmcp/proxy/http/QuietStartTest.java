package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The proxy's stderr carries only what a user can act on; the libraries' start-up lines need --verbose. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QuietStartTest {
    private static final List<String> REMOTE = List.of("--url", "http://127.0.0.1:9/mcp");

    @TempDir
    Path dir;

    @Test
    void startsWithOnlyItsOwnLineByDefault() throws Exception {
        try (HttpProxyProcess proxy = HttpProxyProcess.start(dir, REMOTE)) {
            String stderr = stderrOnceServing(proxy);

            assertThat(stderr.lines()).singleElement().asString().contains("serving MCP on http://127.0.0.1:");
            assertThat(stderr).doesNotContain("Helidon", "SLF4J", "logging implementation");
        }
    }

    @Test
    void showsTheLibrariesLinesWithVerbose() throws Exception {
        try (HttpProxyProcess proxy =
                HttpProxyProcess.start(dir, List.of("--verbose", "--url", "http://127.0.0.1:9/mcp"))) {
            String stderr = stderrOnceServing(proxy);

            assertThat(stderr).contains("Helidon SE", "serving MCP");
        }
    }

    private static String stderrOnceServing(HttpProxyProcess proxy) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        String stderr = Files.readString(proxy.stderr());
        while (!stderr.contains("serving MCP") && Instant.now().isBefore(deadline)) {
            proxy.process().waitFor(50, TimeUnit.MILLISECONDS);
            stderr = Files.readString(proxy.stderr());
        }
        return stderr;
    }
}
