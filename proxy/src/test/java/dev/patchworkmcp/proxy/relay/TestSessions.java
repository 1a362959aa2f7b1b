package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.proxy.feedback.FeedbackTool;
import dev.patchworkmcp.proxy.outbox.Outbox;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** A relay session between two in-memory ends, with the real feedback tool writing to an outbox folder. */
final class TestSessions {

    private TestSessions() {}

    static RelaySession start(
            RecordingChannel client, RecordingChannel upstream, Path outbox, String serverName, ObjectMapper json) {
        FeedbackTool tool = new FeedbackTool(FeedbackToolContract.load(), new Outbox(outbox), () -> {}, json);
        SessionSettings settings = new SessionSettings(
                serverName, "feedback", CompletableFuture.completedFuture(tool), ProxyJson.of(json));
        return new RelaySessions(null, settings).attach(client, upstream, "session-1");
    }
}
