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
        String message;
        while ((message = queue.poll(Duration.ZERO)) != null) {
            out.add(message == EventQueue.END ? "<end>" : message);
        }
        return out;
    }

    @Test
    void answerGoesToThePostThatCarriedItsRequestAndEndsIt() throws Exception {
        StreamRouter router = new StreamRouter();
        StreamRouter.PostStream first = router.register(requests("{\"id\":1,\"method\":\"ping\"}"), true);
        StreamRouter.PostStream second = router.register(requests("{\"id\":\"1\",\"method\":\"ping\"}"), true);

        router.route("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

        assertThat(drained(first.queue)).containsExactly("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", "<end>");
        assertThat(drained(second.queue)).isEmpty();
    }

    @Test
    void progressGoesToTheStreamOfTheRequestThatAskedForIt() throws Exception {
        StreamRouter router = new StreamRouter();
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
        StreamRouter router = new StreamRouter();
        String logging = "{\"method\":\"notifications/message\",\"params\":{\"level\":\"info\"}}";
        router.route(logging);
        EventQueue get = new EventQueue();

        boolean opened = router.openGet(get);

        assertThat(opened).isTrue();
        assertThat(drained(get)).containsExactly(logging);
        assertThat(router.openGet(new EventQueue())).as("a second GET stream").isFalse();
    }

    @Test
    void unlinkedNotificationsPreferTheGetStreamAndServerRequestsTheCallInFlight() throws Exception {
        StreamRouter router = new StreamRouter();
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
        StreamRouter router = new StreamRouter();
        StreamRouter.PostStream call = router.register(requests("{\"id\":1,\"method\":\"tools/call\"}"), true);
        String listChanged = "{\"method\":\"notifications/tools/list_changed\"}";

        router.route(listChanged);

        assertThat(drained(call.queue)).containsExactly(listChanged);
    }

    @Test
    void jsonOnlyPostsNeverReceiveNotifications() throws Exception {
        StreamRouter router = new StreamRouter();
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
        StreamRouter router = new StreamRouter();
        StreamRouter.PostStream post = router.register(requests("{\"id\":1,\"method\":\"ping\"}"), true);
        EventQueue get = new EventQueue();
        router.openGet(get);

        router.endAll();

        assertThat(drained(post.queue)).containsExactly("<end>");
        assertThat(drained(get)).containsExactly("<end>");
    }

    @Test
    void hostNameDropsThePortAndKeepsIpv6Brackets() {
        assertThat(RequestGuard.hostName("LocalHost:8787")).isEqualTo("localhost");
        assertThat(RequestGuard.hostName("[::1]:8787")).isEqualTo("[::1]");
        assertThat(RequestGuard.hostName("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
