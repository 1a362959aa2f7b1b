package dev.patchworkmcp.sidecar.drafting;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every progress message, prefixed {@code step:} or {@code detail:}. */
final class RecordingProgress implements DraftProgress {
    final List<String> messages = new CopyOnWriteArrayList<>();

    @Override
    public void step(String message) {
        messages.add("step: " + message);
    }

    @Override
    public void detail(String message) {
        messages.add("detail: " + message);
    }
}
