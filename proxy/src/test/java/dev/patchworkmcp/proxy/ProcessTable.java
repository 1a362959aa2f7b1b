package dev.patchworkmcp.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads the Linux process table ({@code /proc}) to check that processes are really gone, zombies included. */
final class ProcessTable {

    private ProcessTable() {}

    /** The state letter of a process ({@code R}, {@code S}, {@code Z} for a zombie...), or null when it is gone. */
    static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits until none of {@code pids} is in the process table; returns those still there (with state). */
    static List<String> awaitGone(List<Long> pids, Duration timeout) throws InterruptedException {
        return await(pids, timeout, false);
    }

    /**
     * Waits until none of {@code pids} runs: gone, or a zombie. Orphans are reaped by init, and some container
     * inits never reap, so an orphan that was stopped may stay in the table as a zombie, running nothing.
     */
    static List<String> awaitStopped(List<Long> pids, Duration timeout) throws InterruptedException {
        return await(pids, timeout, true);
    }

    private static List<String> await(List<Long> pids, Duration timeout, boolean zombiesStopped)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> left = new ArrayList<>();
            for (long pid : pids) {
                String state = state(pid);
                if (state != null && !(zombiesStopped && state.equals("Z"))) {
                    left.add(pid + " (" + state + ")");
                }
            }
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Object pause = new Object();
            synchronized (pause) {
                pause.wait(50);
            }
        }
    }
}
