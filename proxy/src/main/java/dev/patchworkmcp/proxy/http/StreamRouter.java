package dev.patchworkmcp.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.proxy.relay.JsonRpcPeek;
import dev.patchworkmcp.proxy.relay.MessageSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes one Streamable HTTP session's upstream messages to its streams. A response goes on the stream of the
 * POST that carried its request, and that stream completes once every request it carried is answered. A progress
 * notification goes where the request that asked for it (by {@code progressToken}) is streaming. Any other
 * notification (logging, list changes) carries no link to a request, so it goes on the GET stream when one is
 * connected, else on the newest connected POST stream. A server request (sampling, elicitation, roots) most likely
 * serves the call in flight, so it goes on the newest connected POST stream, else on the GET stream. With neither
 * connected, a message waits (up to {@value #BACKLOG_LIMIT} messages) for the client to open one.
 *
 * <p>Every stream is a {@link ReplayStream}: the GET stream is stream 0, POST streams are numbered from 1. A POST
 * whose client went away stays routable until its requests are answered, and the last {@value #RETAINED_STREAMS}
 * completed streams are kept (at most {@value #RETAINED_BYTES} characters of them in all), so a client that lost a
 * connection can resume it (GET with {@code Last-Event-ID}) and get what it missed, and only messages of that
 * stream. Thread-safe.
 */
final class StreamRouter implements Outbound {
    static final int BACKLOG_LIMIT = 1000;
    static final int RETAINED_STREAMS = 32;
    static final long RETAINED_BYTES = 8L * 1024 * 1024;

    /** One POST that carried requests: its own connection's queue, its stream and the ids still unanswered. */
    static final class PostStream {
        final EventQueue queue = new EventQueue();
        final ReplayStream stream;
        final boolean streaming;
        final List<String> unanswered = new ArrayList<>();
        final List<String> progressTokens = new ArrayList<>();
        /** Set once every request of the POST is answered (before its queue ends). */
        volatile boolean answered;

        PostStream(ReplayStream stream, boolean streaming) {
            this.stream = stream;
            this.streaming = streaming;
        }

        /** The id of the event that primes the client to resume this stream from its start. */
        String primingId() {
            return ReplayStream.id(stream.number(), 0);
        }
    }

    private final Map<String, PostStream> byRequestId = new HashMap<>();
    private final Map<String, PostStream> byProgressToken = new HashMap<>();
    private final Deque<PostStream> connectedPosts = new ArrayDeque<>();
    private final Map<Long, PostStream> byStream = new LinkedHashMap<>();
    private final Deque<Long> retained = new ArrayDeque<>();
    private final Deque<String> backlog = new ArrayDeque<>();
    private final ReplayStream getStream = new ReplayStream(0);
    private final JsonRpcShape shape;
    private long nextStream = 1;
    private boolean ended;

    StreamRouter(JsonRpcShape shape) {
        this.shape = shape;
    }

    /** Registers a POST's requests before they are relayed, so no answer can arrive before its stream. */
    synchronized PostStream register(List<JsonNode> requests, boolean streaming) {
        PostStream post = new PostStream(new ReplayStream(nextStream++), streaming);
        post.stream.attach(post.queue, 0);
        byStream.put(post.stream.number(), post);
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
            connectedPosts.addLast(post);
        }
        if (ended) {
            post.queue.end();
        }
        return post;
    }

    /**
     * The POST's own connection is over (its stream completed, or the client went away). Its stream stays: its
     * answers are still kept for a client that resumes it.
     */
    synchronized void disconnect(PostStream post) {
        connectedPosts.remove(post);
        post.stream.detach(post.queue);
    }

    /** The GET stream (stream 0). */
    ReplayStream getStream() {
        return getStream;
    }

    /**
     * Connects the GET stream; null when one is already connected (one per session) or the session ended, else
     * the id to prime the client with (resuming from it replays what waited for the stream).
     */
    synchronized String openGet(EventQueue queue) {
        if (getStream.attached() || ended) {
            return null;
        }
        String priming = getStream.currentId();
        flushBacklog();
        getStream.attach(queue, ReplayStream.sequenceOf(priming));
        return priming;
    }

    /**
     * Resumes the stream named by {@code lastEventId} on a new connection: offers it the stream's kept events
     * after that id, then the stream's live messages. A connection the stream still had is replaced. Returns the
     * stream, or null when the id names no stream this session still keeps.
     */
    synchronized ReplayStream resume(String lastEventId, EventQueue queue) {
        long number = ReplayStream.streamOf(lastEventId);
        long after = ReplayStream.sequenceOf(lastEventId);
        if (number < 0 || after < 0) {
            return null;
        }
        ReplayStream stream;
        if (number == 0) {
            stream = getStream;
            flushBacklog();
        } else {
            PostStream post = byStream.get(number);
            if (post == null) {
                return null;
            }
            stream = post.stream;
        }
        stream.attach(queue, after);
        if (ended) {
            queue.end();
        }
        return stream;
    }

    /** The connection {@code queue} of {@code stream} is over. */
    synchronized void disconnect(ReplayStream stream, EventQueue queue) {
        stream.detach(queue);
    }

    @Override
    public synchronized void route(String message) {
        // Most messages are one answer to a known request: read its id with the streaming parser, no tree.
        MessageSummary summary = JsonRpcPeek.isBatch(message) ? null : JsonRpcPeek.of(message);
        if (summary != null
                && summary.kind() == MessageSummary.Kind.RESPONSE
                && byRequestId.containsKey(summary.id())) {
            routeResponse(message, List.of(summary.id()));
            return;
        }
        List<JsonNode> elements = JsonRpcShape.elements(shape.parse(message));
        if (!elements.isEmpty() && elements.stream().allMatch(JsonRpcShape::isResponse)) {
            routeResponse(
                    message,
                    elements.stream()
                            .map(response -> JsonRpcShape.idKey(response.get("id")))
                            .toList());
            return;
        }
        ReplayStream target = target(elements);
        if (target != null) {
            target.append(message);
        } else {
            if (backlog.size() == BACKLOG_LIMIT) {
                backlog.pollFirst();
            }
            backlog.addLast(message);
        }
    }

    /** Where a server message goes now, or null when the client has no stream connected to carry it. */
    private ReplayStream target(List<JsonNode> elements) {
        PostStream asking = progressStream(elements);
        if (asking != null) {
            return asking.stream;
        }
        PostStream newest = connectedPosts.peekLast();
        ReplayStream post = newest == null ? null : newest.stream;
        ReplayStream get = getStream.attached() ? getStream : null;
        boolean notifications = !elements.isEmpty() && elements.stream().allMatch(e -> !e.has("id"));
        ReplayStream first = notifications ? get : post;
        ReplayStream second = notifications ? post : get;
        return first != null ? first : second;
    }

    /** Answers (their ids as keys) go on the stream of the POST that carried the first one's request. */
    private void routeResponse(String message, List<String> ids) {
        PostStream post = byRequestId.get(ids.getFirst());
        if (post == null) {
            return;
        }
        for (String id : ids) {
            byRequestId.remove(id);
            post.unanswered.remove(id);
        }
        if (post.unanswered.isEmpty()) {
            post.answered = true;
            post.stream.appendLast(message);
            complete(post);
        } else {
            post.stream.append(message);
        }
    }

    /** Every request of the POST is answered: its stream ends, and is kept a while for resumes. */
    private void complete(PostStream post) {
        post.stream.complete();
        post.progressTokens.forEach(byProgressToken::remove);
        connectedPosts.remove(post);
        retained.addLast(post.stream.number());
        while (retained.size() > RETAINED_STREAMS || (retained.size() > 1 && retainedBytes() > RETAINED_BYTES)) {
            byStream.remove(retained.pollFirst());
        }
    }

    private long retainedBytes() {
        long total = 0;
        for (long number : retained) {
            PostStream kept = byStream.get(number);
            total += kept == null ? 0 : kept.stream.keptBytes();
        }
        return total;
    }

    private void flushBacklog() {
        while (!backlog.isEmpty()) {
            getStream.append(backlog.pollFirst());
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
        for (PostStream post : byStream.values()) {
            post.queue.end();
            post.stream.endConnection();
        }
        getStream.endConnection();
    }
}
