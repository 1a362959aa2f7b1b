package dev.patchworkmcp.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes one Streamable HTTP session's upstream messages to its open responses. A response goes on the POST
 * stream that carried its request, and that stream ends once every request it carried is answered. A progress
 * notification goes where the request that asked for it (by {@code progressToken}) is streaming. Any other
 * notification (logging, list changes) carries no link to a request, so it goes on the GET stream when one is
 * open, else on the newest open POST stream. A server request (sampling, elicitation, roots) most likely serves
 * the call in flight, so it goes on the newest open POST stream, else on the GET stream. With neither open, a
 * message waits (up to {@value #BACKLOG_LIMIT} messages) for the client to open one. Thread-safe.
 */
final class StreamRouter implements Outbound {
    private static final System.Logger LOG = System.getLogger(StreamRouter.class.getName());
    static final int BACKLOG_LIMIT = 1000;

    /** One POST that carried requests: its queue and the ids still unanswered. */
    static final class PostStream {
        final EventQueue queue = new EventQueue();
        final boolean streaming;
        final List<String> unanswered = new ArrayList<>();
        final List<String> progressTokens = new ArrayList<>();

        PostStream(boolean streaming) {
            this.streaming = streaming;
        }
    }

    private final Map<String, PostStream> byRequestId = new HashMap<>();
    private final Map<String, PostStream> byProgressToken = new HashMap<>();
    private final Deque<PostStream> streamingPosts = new ArrayDeque<>();
    private final Deque<String> backlog = new ArrayDeque<>();
    private EventQueue getStream;
    private boolean ended;

    /** Registers a POST's requests before they are relayed, so no answer can arrive before its stream. */
    synchronized PostStream register(List<JsonNode> requests, boolean streaming) {
        PostStream post = new PostStream(streaming);
        for (JsonNode request : requests) {
            String id = JsonRpcShape.idKey(request.get("id"));
            post.unanswered.add(id);
            byRequestId.put(id, post);
            JsonNode token = request.path("params").path("_meta").path("progressToken");
            if (!token.isMissingNode() && !token.isNull()) {
                post.progressTokens.add(token.toString());
                byProgressToken.put(token.toString(), post);
            }
        }
        if (streaming) {
            streamingPosts.addLast(post);
        }
        if (ended) {
            post.queue.end();
        }
        return post;
    }

    /** The POST's response is over (answered, or the client went away): forget it. */
    synchronized void release(PostStream post) {
        post.unanswered.forEach(byRequestId::remove);
        post.progressTokens.forEach(byProgressToken::remove);
        streamingPosts.remove(post);
    }

    /** Takes the GET stream; false when one is already open (one per session). */
    synchronized boolean openGet(EventQueue queue) {
        if (getStream != null || ended) {
            return false;
        }
        getStream = queue;
        while (!backlog.isEmpty()) {
            queue.offer(backlog.pollFirst());
        }
        return true;
    }

    synchronized void closeGet(EventQueue queue) {
        if (getStream == queue) {
            getStream = null;
        }
    }

    @Override
    public synchronized void route(String message) {
        List<JsonNode> elements = JsonRpcShape.elements(JsonRpcShape.parse(message));
        if (!elements.isEmpty() && elements.stream().allMatch(JsonRpcShape::isResponse)) {
            routeResponse(message, elements);
            return;
        }
        EventQueue target = target(elements);
        if (target != null) {
            target.offer(message);
        } else {
            if (backlog.size() == BACKLOG_LIMIT) {
                backlog.pollFirst();
            }
            backlog.addLast(message);
        }
    }

    /** Where a server message goes now, or null when the client has no stream open to carry it. */
    private EventQueue target(List<JsonNode> elements) {
        PostStream asking = progressStream(elements);
        if (asking != null) {
            return asking.queue;
        }
        PostStream newest = streamingPosts.peekLast();
        boolean notifications = !elements.isEmpty() && elements.stream().allMatch(e -> !e.has("id"));
        EventQueue first = notifications ? getStream : (newest == null ? null : newest.queue);
        EventQueue second = notifications ? (newest == null ? null : newest.queue) : getStream;
        return first != null ? first : second;
    }

    private void routeResponse(String message, List<JsonNode> responses) {
        PostStream post =
                byRequestId.get(JsonRpcShape.idKey(responses.getFirst().get("id")));
        if (post == null) {
            LOG.log(System.Logger.Level.DEBUG, "dropping an answer whose client request has gone away");
            return;
        }
        for (JsonNode response : responses) {
            String id = JsonRpcShape.idKey(response.get("id"));
            byRequestId.remove(id);
            post.unanswered.remove(id);
        }
        post.queue.offer(message);
        if (post.unanswered.isEmpty()) {
            post.queue.end();
            release(post);
        }
    }

    /** The streaming POST whose request asked for this progress notification, if it is one. */
    private PostStream progressStream(List<JsonNode> elements) {
        if (elements.size() == 1 && JsonRpcShape.isMethod(elements.getFirst(), "notifications/progress")) {
            JsonNode token = elements.getFirst().path("params").path("progressToken");
            PostStream post = byProgressToken.get(token.toString());
            if (post != null && post.streaming) {
                return post;
            }
        }
        return null;
    }

    @Override
    public synchronized void endAll() {
        ended = true;
        for (PostStream post : new ArrayList<>(byRequestId.values())) {
            post.queue.end();
        }
        streamingPosts.forEach(post -> post.queue.end());
        if (getStream != null) {
            getStream.end();
        }
    }
}
