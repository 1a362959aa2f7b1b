package dev.patchworkmcp.proxy.http;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One resumable SSE stream of a Streamable HTTP session (the GET stream, or the stream answering one POST). Every
 * message routed to it gets the event id {@code <stream>-<sequence>} (unique within the session, and naming its
 * stream so a {@code Last-Event-ID} finds it), is kept in a bounded replay buffer (at most {@value #MAX_EVENTS}
 * events and {@value #MAX_BYTES} characters, oldest dropped first), and is offered to the connection attached
 * now, if any. A client that lost its connection attaches a new one with the last id it saw and gets what
 * followed, then the live stream. Not thread-safe: the owning {@link StreamRouter} guards it.
 */
final class ReplayStream {
    static final int MAX_EVENTS = 256;
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final long number;
    private final Deque<QueuedEvent> replay = new ArrayDeque<>();
    private long bytes;
    private long lastSequence;
    private EventQueue attached;
    private boolean complete;

    ReplayStream(long number) {
        this.number = number;
    }

    long number() {
        return number;
    }

    /** Characters of message text kept for replay. */
    long keptBytes() {
        return bytes;
    }

    /** The id a client can resume from to get everything this stream carries from now on. */
    String currentId() {
        return id(number, lastSequence);
    }

    /** Gives the message the next id, keeps it for replay and offers it to the attached connection. */
    void append(String message) {
        QueuedEvent event = keep(message);
        if (attached != null) {
            attached.offer(event);
        }
    }

    /** Appends the stream's last message and completes it; the attached connection gets both in one step. */
    void appendLast(String message) {
        QueuedEvent event = keep(message);
        complete = true;
        if (attached != null) {
            attached.offerLast(event);
        }
    }

    private QueuedEvent keep(String message) {
        QueuedEvent event = new QueuedEvent(id(number, ++lastSequence), message);
        replay.addLast(event);
        bytes += message.length();
        while (replay.size() > MAX_EVENTS || (bytes > MAX_BYTES && replay.size() > 1)) {
            bytes -= replay.pollFirst().data().length();
        }
        return event;
    }

    /**
     * Attaches a connection, first offering it every kept event after {@code afterSequence}. A connection attached
     * before (one whose client has gone, though the server has not noticed yet) is ended: it is replaced.
     */
    void attach(EventQueue queue, long afterSequence) {
        if (attached != null && attached != queue) {
            attached.end();
        }
        for (QueuedEvent event : replay) {
            if (sequenceOf(event.id()) > afterSequence) {
                queue.offer(event);
            }
        }
        attached = queue;
        if (complete) {
            queue.end();
        }
    }

    boolean attached() {
        return attached != null;
    }

    /** The connection {@code queue} is over; events keep being kept for a resume. */
    void detach(EventQueue queue) {
        if (attached == queue) {
            attached = null;
        }
    }

    /** Nothing more will be sent on this stream: the attached connection (and any later one) ends after replay. */
    void complete() {
        complete = true;
        if (attached != null) {
            attached.end();
        }
    }

    /** Ends the attached connection without completing the stream (the session is ending). */
    void endConnection() {
        if (attached != null) {
            attached.end();
        }
    }

    static String id(long stream, long sequence) {
        return stream + "-" + sequence;
    }

    /** The stream number of an event id, or -1 when it is not one of ours. */
    static long streamOf(String eventId) {
        return part(eventId, true);
    }

    /** The sequence number of an event id, or -1 when it is not one of ours. */
    static long sequenceOf(String eventId) {
        return part(eventId, false);
    }

    private static long part(String eventId, boolean stream) {
        int dash = eventId == null ? -1 : eventId.indexOf('-');
        if (dash <= 0) {
            return -1;
        }
        try {
            long value = Long.parseLong(
                    stream
                            ? eventId.substring(0, dash)
                            : eventId.substring(dash + 1).strip());
            return value < 0 ? -1 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
