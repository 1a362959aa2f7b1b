package dev.patchworkmcp.sidecar.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real sidecar jar in its own JVM, as users run it; the benchmark talks to it over loopback HTTP. */
final class SidecarProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.:]+)");

    private final Process process;
    private final String url;

    private SidecarProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static SidecarProcess start(Path jar, Path dbFile, Path log) throws IOException {
        return start(jar, dbFile, log, Map.of());
    }

    /** Like {@link #start(Path, Path, Path)}, with extra environment settings (e.g. clustering thresholds). */
    static SidecarProcess start(Path jar, Path dbFile, Path log, Map<String, String> settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar.toString()));
        builder.environment()
                .putAll(Map.of(
                        "FEEDBACK_HOST", "127.0.0.1", "FEEDBACK_PORT", "0", "FEEDBACK_DB_PATH", dbFile.toString()));
        builder.environment().putAll(settings);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> pump(process, log, url));
        try {
            // A first start on a large database runs its migrations (indexing 1,000,000 reports takes minutes).
            return new SidecarProcess(process, url.get(15, TimeUnit.MINUTES));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("The sidecar did not start within 15 minutes; see " + log, e);
        }
    }

    private static void pump(Process process, Path log, CompletableFuture<String> url) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()));
                var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    url.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IOException("the sidecar exited"));
    }

    String url() {
        return url;
    }

    /** CPU time the sidecar process has used so far (user + system), in nanoseconds. */
    long cpuNanos() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(0L);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
