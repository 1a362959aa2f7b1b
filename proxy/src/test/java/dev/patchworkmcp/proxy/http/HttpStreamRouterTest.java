package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one Streamable HTTP session's upstream messages find their response. */
class HttpStreamRouterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> requests(String... messages) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String message : messages) {
            out.add(JSON.readTree(message));
        }
        return out;
    }

    private static List<String> drained(EventQueue queue) throws InterruptedException {
        List<String> out = new ArrayList<>();
        QueuedEvent event;
        while ((event = queue.poll(Duration.ZERO)) != null) {
            out.add(event == EventQueue.END ? "<end>" : event.data());
        }
        return out;
    }

    /** The queued events as "id data". */
    private static List<String> drainedWithIds(EventQueue queue) throws InterruptedException {
        List<String> out = new ArrayList<>();
        QueuedEvent event;
        while ((event = queue.poll(Duration.ZERO)) != null) {
            out.add(event == EventQueue.END ? "<end>" : event.id() + " " + event.data());
        }
        return out;
    }

    @Test
    void answerGoesToThePostThatCarriedItsRequestAndEndsIt() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream first = router.register(requests("{\"id\":1,\"method\":\"ping\"}"), true);
        StreamRouter.PostStream second = router.register(requests("{\"id\":\"1\",\"method\":\"ping\"}"), true);

        router.route("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

        assertThat(drained(first.queue)).containsExactly("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", "<end>");
        assertThat(drained(second.queue)).isEmpty();
    }

    @Test
    void anAnswerWhoseStringIdNeedsEscapesFindsItsPost() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream post =
                router.register(requests("{\"id\":\"a\\\"b\\u00e9\",\"method\":\"ping\"}"), true);
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\\u00e9\",\"result\":{}}";

        router.route(answer);

        assertThat(drained(post.queue)).containsExactly(answer, "<end>");
    }

    @Test
    void aSoleAnswerIsTakenWithTheEndOfItsPost() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream post = router.register(requests("{\"id\":1,\"method\":\"ping\"}"), true);
        router.route("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

        QueuedEvent sole = post.queue.takeSole(Duration.ofSeconds(5), () -> post.answered);

        assertThat(sole.data()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
        assertThat(drained(post.queue)).isEmpty();
    }

    @Test
    void aNotificationBeforeTheAnswerLeavesThePostQueuedInOrder() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream post = router.register(
                requests("{\"id\":1,\"method\":\"tools/call\",\"params\":{\"_meta\":{\"progressToken\":\"t\"}}}"),
                true);
        String progress = "{\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"t\",\"progress\":1}}";
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}";
        router.route(progress);
        router.route(answer);

        QueuedEvent sole = post.queue.takeSole(Duration.ofSeconds(5), () -> post.answered);

        assertThat(sole).isNull();
        assertThat(drained(post.queue)).containsExactly(progress, answer, "<end>");
    }

    @Test
    void aPostWithTwoRequestsIsNotAnsweredByItsFirstAnswerAlone() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream post =
                router.register(requests("{\"id\":1,\"method\":\"ping\"}", "{\"id\":2,\"method\":\"ping\"}"), true);
        String first = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}";
        router.route(first);

        QueuedEvent sole = post.queue.takeSole(Duration.ofMillis(1), () -> post.answered);

        assertThat(sole).isNull();
        assertThat(drained(post.queue)).containsExactly(first);
    }

    @Test
    void aSessionEndingAfterANotificationIsNotMistakenForAnAnswer() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream post = router.register(requests("{\"id\":1,\"method\":\"tools/call\"}"), true);
        String logging = "{\"method\":\"notifications/message\",\"params\":{\"level\":\"info\"}}";
        router.route(logging);
        router.endAll();

        QueuedEvent sole = post.queue.takeSole(Duration.ofSeconds(5), () -> post.answered);

        assertThat(sole).isNull();
        assertThat(drained(post.queue)).containsExactly(logging, "<end>");
    }

    @Test
    void progressGoesToTheStreamOfTheRequestThatAskedForIt() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream asking = router.register(
                requests("{\"id\":1,\"method\":\"tools/call\",\"params\":{\"_meta\":{\"progressToken\":\"t\"}}}"),
                true);
        StreamRouter.PostStream newer = router.register(requests("{\"id\":2,\"method\":\"ping\"}"), true);
        String progress = "{\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"t\",\"progress\":1}}";

        router.route(progress);

        assertThat(drained(asking.queue)).containsExactly(progress);
        assertThat(drained(newer.queue)).isEmpty();
    }

    @Test
    void serverMessagesWaitForTheGetStreamWhenNoPostIsOpen() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        String logging = "{\"method\":\"notifications/message\",\"params\":{\"level\":\"info\"}}";
        router.route(logging);
        EventQueue get = new EventQueue();

        String priming = router.openGet(get);

        assertThat(priming).isEqualTo("0-0");
        assertThat(drainedWithIds(get)).containsExactly("0-1 " + logging);
        assertThat(router.openGet(new EventQueue())).as("a second GET stream").isNull();
    }

    @Test
    void unlinkedNotificationsPreferTheGetStreamAndServerRequestsTheCallInFlight() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream call = router.register(requests("{\"id\":1,\"method\":\"tools/call\"}"), true);
        EventQueue get = new EventQueue();
        router.openGet(get);
        String listChanged = "{\"method\":\"notifications/tools/list_changed\"}";
        String sampling = "{\"id\":\"s1\",\"method\":\"sampling/createMessage\",\"params\":{}}";

        router.route(listChanged);
        router.route(sampling);

        assertThat(drained(get)).containsExactly(listChanged);
        assertThat(drained(call.queue)).containsExactly(sampling);
    }

    @Test
    void withoutAGetStreamAnUnlinkedNotificationRidesTheNewestPost() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream call = router.register(requests("{\"id\":1,\"method\":\"tools/call\"}"), true);
        String listChanged = "{\"method\":\"notifications/tools/list_changed\"}";

        router.route(listChanged);

        assertThat(drained(call.queue)).containsExactly(listChanged);
    }

    @Test
    void jsonOnlyPostsNeverReceiveNotifications() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream json = router.register(requests("{\"id\":5,\"method\":\"ping\"}"), false);
        EventQueue get = new EventQueue();
        router.openGet(get);

        router.route("{\"method\":\"notifications/message\"}");
        router.route("{\"id\":5,\"result\":{}}");

        assertThat(drained(json.queue)).containsExactly("{\"id\":5,\"result\":{}}", "<end>");
        assertThat(drained(get)).containsExactly("{\"method\":\"notifications/message\"}");
    }

    @Test
    void endingTheSessionEndsEveryOpenResponse() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream post = router.register(requests("{\"id\":1,\"method\":\"ping\"}"), true);
        EventQueue get = new EventQueue();
        router.openGet(get);

        router.endAll();

        assertThat(drained(post.queue)).containsExactly("<end>");
        assertThat(drained(get)).containsExactly("<end>");
    }

    @Test
    void eventIdsNameTheirStreamAndAreUniqueWithinTheSession() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream first = router.register(requests("{\"id\":1,\"method\":\"tools/call\"}"), true);
        StreamRouter.PostStream second = router.register(requests("{\"id\":2,\"method\":\"tools/call\"}"), true);
        EventQueue get = new EventQueue();
        router.openGet(get);

        router.route("{\"id\":2,\"result\":{}}");
        router.route("{\"id\":1,\"result\":{}}");
        router.route("{\"method\":\"notifications/message\"}");

        assertThat(first.primingId()).isEqualTo("1-0");
        assertThat(second.primingId()).isEqualTo("2-0");
        assertThat(drainedWithIds(first.queue)).containsExactly("1-1 {\"id\":1,\"result\":{}}", "<end>");
        assertThat(drainedWithIds(second.queue)).containsExactly("2-1 {\"id\":2,\"result\":{}}", "<end>");
        assertThat(drainedWithIds(get)).containsExactly("0-1 {\"method\":\"notifications/message\"}");
    }

    @Test
    void aPostWhoseClientWentAwayKeepsWhatFollowedForAResume() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream call = router.register(
                requests("{\"id\":1,\"method\":\"tools/call\",\"params\":{\"_meta\":{\"progressToken\":7}}}"), true);
        String first = "{\"method\":\"notifications/progress\",\"params\":{\"progressToken\":7,\"progress\":1}}";
        String second = "{\"method\":\"notifications/progress\",\"params\":{\"progressToken\":7,\"progress\":2}}";
        router.route(first);
        router.disconnect(call);
        router.route(second);
        router.route("{\"id\":1,\"result\":{}}");
        EventQueue resumed = new EventQueue();

        ReplayStream stream = router.resume("1-1", resumed);

        assertThat(stream).isNotNull();
        assertThat(drainedWithIds(resumed)).containsExactly("1-2 " + second, "1-3 {\"id\":1,\"result\":{}}", "<end>");
    }

    @Test
    void resumingAPostStillRunningReplaysThenGoesOnLiveAndNeverCarriesAnotherStream() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        StreamRouter.PostStream call = router.register(requests("{\"id\":1,\"method\":\"tools/call\"}"), true);
        StreamRouter.PostStream other = router.register(requests("{\"id\":2,\"method\":\"tools/call\"}"), true);
        router.route("{\"id\":\"s1\",\"method\":\"sampling/createMessage\"}");
        EventQueue resumed = new EventQueue();

        router.resume("1-0", resumed);
        router.route("{\"id\":2,\"result\":{}}");
        router.route("{\"id\":1,\"result\":{}}");

        assertThat(drained(call.queue)).as("the replaced connection just ends").containsExactly("<end>");
        assertThat(drainedWithIds(resumed)).containsExactly("1-1 {\"id\":1,\"result\":{}}", "<end>");
        assertThat(drained(other.queue))
                .containsExactly(
                        "{\"id\":\"s1\",\"method\":\"sampling/createMessage\"}", "{\"id\":2,\"result\":{}}", "<end>");
    }

    @Test
    void resumingTheGetStreamReplacesItsStaleConnectionAndReplaysAfterTheLastId() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        EventQueue stale = new EventQueue();
        router.openGet(stale);
        router.route("{\"method\":\"notifications/message\",\"params\":{\"n\":1}}");
        router.route("{\"method\":\"notifications/message\",\"params\":{\"n\":2}}");
        drained(stale);
        EventQueue fresh = new EventQueue();

        router.resume("0-1", fresh);
        router.route("{\"method\":\"notifications/message\",\"params\":{\"n\":3}}");

        assertThat(drained(stale)).containsExactly("<end>");
        assertThat(drainedWithIds(fresh))
                .containsExactly(
                        "0-2 {\"method\":\"notifications/message\",\"params\":{\"n\":2}}",
                        "0-3 {\"method\":\"notifications/message\",\"params\":{\"n\":3}}");
    }

    @Test
    void aLastEventIdNamingNoKeptStreamIsRefused() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        router.register(requests("{\"id\":1,\"method\":\"ping\"}"), true);

        assertThat(router.resume("9-1", new EventQueue())).isNull();
        assertThat(router.resume("not-an-id", new EventQueue())).isNull();
        assertThat(router.resume("", new EventQueue())).isNull();
        assertThat(router.resume("1-0", new EventQueue())).isNotNull();
    }

    @Test
    void completedStreamsAreKeptOnlyUpToTheLimit() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        for (int i = 1; i <= StreamRouter.RETAINED_STREAMS + 1; i++) {
            router.register(requests("{\"id\":" + i + ",\"method\":\"ping\"}"), true);
            router.route("{\"id\":" + i + ",\"result\":{}}");
        }

        assertThat(router.resume("1-0", new EventQueue()))
                .as("the oldest completed stream")
                .isNull();
        assertThat(router.resume("2-0", new EventQueue())).isNotNull();
    }

    @Test
    void completedStreamsAreKeptOnlyUpToAByteBudget() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        String big = "x".repeat(3 * 1024 * 1024);
        for (int i = 1; i <= 4; i++) {
            router.register(requests("{\"id\":" + i + ",\"method\":\"resources/read\"}"), true);
            router.route("{\"id\":" + i + ",\"result\":{\"text\":\"" + big + "\"}}");
        }

        assertThat(router.resume("1-0", new EventQueue()))
                .as("evicted for the budget")
                .isNull();
        assertThat(router.resume("2-0", new EventQueue()))
                .as("evicted for the budget")
                .isNull();
        assertThat(router.resume("3-0", new EventQueue())).isNotNull();
        assertThat(router.resume("4-0", new EventQueue())).isNotNull();
    }

    @Test
    void theReplayBufferKeepsOnlyTheNewestEvents() throws Exception {
        StreamRouter router = new StreamRouter(new JsonRpcShape(JSON));
        router.openGet(new EventQueue());
        int sent = ReplayStream.MAX_EVENTS + 10;
        for (int i = 1; i <= sent; i++) {
            router.route("{\"method\":\"notifications/message\",\"params\":{\"n\":" + i + "}}");
        }
        EventQueue resumed = new EventQueue();

        router.resume("0-0", resumed);

        List<String> replayed = drainedWithIds(resumed);
        assertThat(replayed).hasSize(ReplayStream.MAX_EVENTS);
        assertThat(replayed.getFirst()).startsWith("0-11 ");
        assertThat(replayed.getLast()).startsWith("0-" + sent + " ");
    }

    @Test
    void hostNameDropsThePortAndKeepsIpv6Brackets() {
        assertThat(RequestGuard.hostName("LocalHost:8787")).isEqualTo("localhost");
        assertThat(RequestGuard.hostName("[::1]:8787")).isEqualTo("[::1]");
        assertThat(RequestGuard.hostName("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
