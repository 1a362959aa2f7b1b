package dev.patchworkmcp.proxy.http;

import dev.patchworkmcp.proxy.relay.ChannelClosedException;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.MessageListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Test-only: a child process spoken to over newline-delimited JSON on stdin/stdout, for the HTTP front end's
 * tests to have an upstream without the production relay.
 */
final class HttpTestStdioChannel implements MessageChannel {
    private final Process process;
    private final OutputStream stdin;

    HttpTestStdioChannel(List<String> command) {
        try {
            this.process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.stdin = process.getOutputStream();
    }

    Process process() {
        return process;
    }

    @Override
    public void start(MessageListener listener) {
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.isBlank()) {
                        listener.onMessage(line);
                    }
                }
            } catch (IOException e) {
                // The process went away; reported below.
            }
            listener.onClosed("upstream exited");
        });
    }

    @Override
    public synchronized void send(String message) {
        try {
            stdin.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new ChannelClosedException("upstream stdin closed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        HttpNodePeers.stopTree(process);
    }
}
