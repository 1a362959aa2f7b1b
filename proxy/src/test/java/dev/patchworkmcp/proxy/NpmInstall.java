package dev.patchworkmcp.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Installs the pinned npm packages of a test folder ({@code package.json} + its committed lock file) with
 * {@code npm ci}, when {@code node_modules} is missing or older than the lock file. Once per folder per JVM.
 * Thread-safe.
 */
public final class NpmInstall {
    private static final Set<Path> INSTALLED = new HashSet<>();

    private NpmInstall() {}

    public static synchronized void ensure(Path dir) throws IOException, InterruptedException {
        if (INSTALLED.contains(dir)) {
            return;
        }
        Path marker = dir.resolve("node_modules").resolve(".package-lock.json");
        if (!Files.exists(marker)
                || Files.getLastModifiedTime(dir.resolve("package-lock.json"))
                                .compareTo(Files.getLastModifiedTime(marker))
                        > 0) {
            Path log = Files.createTempFile("npm-ci", ".log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException(
                        "npm ci in " + dir + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        }
        INSTALLED.add(dir);
    }
}
