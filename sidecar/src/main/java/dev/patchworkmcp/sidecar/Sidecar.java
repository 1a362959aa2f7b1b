package dev.patchworkmcp.sidecar;

import io.helidon.webserver.WebServer;

/** The composition root of the sidecar process: builds and starts the web server. Thread-safe. */
public final class Sidecar {
    private final WebServer server;

    private Sidecar(WebServer server) {
        this.server = server;
    }

    /** Starts a sidecar; pass port 0 for an ephemeral port. */
    public static Sidecar start(SidecarConfig config) {
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .routing(routing -> routing.get("/api/health", (req, res) -> res.send("{\"status\":\"ok\"}")))
                .build()
                .start();
        return new Sidecar(server);
    }

    public String host() {
        return server.prototype().host();
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        server.stop();
    }
}
