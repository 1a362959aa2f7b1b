package dev.patchworkmcp.proxy.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client side of the stdio front end: newline-delimited JSON-RPC on the proxy's own stdin and stdout.
 * Nothing but protocol messages is ever written to {@code out}. End of input closes the channel. Thread-safe.
 */
public final class StdioClientChannel implements MessageChannel {

    private final InputStream in;
    private final OutputStream out;
    private volatile boolean closed;

    /**
     * @param in the client's messages (our stdin)
     * @param out where messages to the client go (our real stdout, never shared with logging)
     */
    public StdioClientChannel(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public void start(MessageListener listener) {
        Thread.ofPlatform().name("client-stdin").daemon(true).start(() -> pump(listener));
    }

    private void pump(MessageListener listener) {
        String reason = "the client closed the proxy's stdin";
        try (in) {
            LineReader reader = new LineReader(in, 1 << 16);
            String line;
            while (!closed && (line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    listener.onMessage(line);
                }
            }
        } catch (IOException e) {
            reason = "reading the proxy's stdin failed: " + e.getMessage();
        }
        listener.onClosed(reason);
    }

    @Override
    public void send(String message) {
        if (closed) {
            throw new ChannelClosedException("the client has gone");
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            try {
                out.write(bytes);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                closed = true;
                throw new ChannelClosedException("writing to the client failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (out) {
            try {
                out.flush();
            } catch (IOException ignored) {
                // the client has gone
            }
        }
    }
}
