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
 * the tree is noted first, then the child's stdin is closed and it gets a moment to exit by itself; then its
 * descendants get SIGTERM first so that their parents are still there to reap them, then the child itself;
 * whatever is still alive after the grace period gets SIGKILL. Stateless and thread-safe.
 */
final class ProcessTree {

    private ProcessTree() {}

    /**
     * Stops {@code process} and its descendants.
     *
     * @param closeInput closes the child's stdin, the polite MCP way to ask a stdio server to exit
     * @param polite how long the child gets to exit by itself after its stdin closed
     * @param grace how long the tree gets after SIGTERM before SIGKILL
     */
    static void stop(Process process, Runnable closeInput, Duration polite, Duration grace) {
        ProcessHandle root = process.toHandle();
        Set<ProcessHandle> tree = new LinkedHashSet<>(deepestFirst(root));
        closeInput.run();
        awaitExit(Set.of(root), System.nanoTime() + polite.toNanos());
        long deadline = System.nanoTime() + grace.toNanos();
        tree.addAll(deepestFirst(root));
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
