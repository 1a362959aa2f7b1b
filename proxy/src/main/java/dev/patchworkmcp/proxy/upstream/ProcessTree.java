package dev.patchworkmcp.proxy.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a child process and everything it started ({@code npx} starts {@code sh}, which starts {@code node}):
 * its descendants get SIGTERM first so that their parents are still there to reap them, then the child itself;
 * whatever is still alive after the grace period gets SIGKILL. Stateless and thread-safe.
 */
final class ProcessTree {

    private ProcessTree() {}

    static void stop(Process process, Duration grace) {
        ProcessHandle root = process.toHandle();
        long deadline = System.nanoTime() + grace.toNanos();
        Set<ProcessHandle> tree = new LinkedHashSet<>(deepestFirst(root));
        terminate(tree);
        awaitExit(tree, System.nanoTime() + grace.toNanos() / 2);
        tree.addAll(deepestFirst(root));
        tree.add(root);
        terminate(tree);
        awaitExit(tree, deadline);
        tree.addAll(deepestFirst(root));
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        awaitExit(tree, System.nanoTime() + Duration.ofSeconds(5).toNanos());
    }

    private static void terminate(Set<ProcessHandle> handles) {
        for (ProcessHandle handle : handles) {
            if (handle.isAlive()) {
                handle.destroy();
            }
        }
    }

    private static List<ProcessHandle> deepestFirst(ProcessHandle root) {
        List<ProcessHandle> descendants = new ArrayList<>(root.descendants().toList());
        descendants.sort(Comparator.comparingInt(ProcessTree::depth).reversed());
        return descendants;
    }

    private static int depth(ProcessHandle handle) {
        int depth = 0;
        for (var parent = handle.parent();
                parent.isPresent() && depth < 64;
                parent = parent.get().parent()) {
            depth++;
        }
        return depth;
    }

    private static void awaitExit(Set<ProcessHandle> tree, long deadlineNanos) {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        for (ProcessHandle handle : tree) {
            exits.add(handle.onExit());
        }
        long remaining = deadlineNanos - System.nanoTime();
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the caller escalates to SIGKILL for whatever is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
