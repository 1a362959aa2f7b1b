package dev.patchworkmcp.proxy.upstream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The virtual threads one remote upstream starts (posts, answers, its event stream), interrupted together when it
 * closes: the HTTP client is shared by every session of the process, so closing a session cannot shut it down,
 * and a request that is still waiting for its answer is cancelled by interrupting the thread that sent it.
 * Thread-safe.
 */
final class SessionThreads {
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /** Runs {@code work} on a new virtual thread, unless {@link #interruptAll} has been called. */
    void start(String name, Runnable work) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                work.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(thread);
        if (stopped) {
            running.remove(thread);
            return;
        }
        thread.start();
    }

    /** Interrupts every thread still running (but the caller's) and refuses new ones. */
    void interruptAll() {
        stopped = true;
        for (Thread thread : running) {
            if (thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }
}
