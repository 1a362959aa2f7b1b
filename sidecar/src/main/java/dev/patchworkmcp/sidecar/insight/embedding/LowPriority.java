package dev.patchworkmcp.sidecar.insight.embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives the calling platform thread a low CPU priority (Linux nice 10), so background embedding mostly uses CPU
 * time that ingest and the API leave idle: when the CPU is contended a nice-10 thread gets about a tenth of a
 * normal thread's share (not nice 19's 1.5%, so clustering still moves on a busy shared machine). Linux keeps a
 * nice value per thread; the thread finds its own id in {@code /proc/thread-self} and runs {@code renice} on it
 * (the sidecar targets Java 21, where calling {@code setpriority(2)} directly would need a preview API). Lowering
 * a priority needs no privilege. Where either is missing (not Linux), nothing changes and the caller is told so.
 * Stateless; thread-safe.
 */
final class LowPriority {
    static final int NICE = 10;

    private LowPriority() {}

    /** Lowers the current thread's priority; true when it worked. Call it on a platform thread only. */
    static boolean lowerCurrentThread() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
            String tid = self.getFileName().toString();
            Process renice = new ProcessBuilder(List.of("renice", "-n", Integer.toString(NICE), "-p", tid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return renice.waitFor(10, TimeUnit.SECONDS) && renice.exitValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
