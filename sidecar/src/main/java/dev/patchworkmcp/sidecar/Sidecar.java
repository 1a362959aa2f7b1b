package dev.patchworkmcp.sidecar;

import dev.patchworkmcp.sidecar.calls.CallBatchReader;
import dev.patchworkmcp.sidecar.calls.CallsApi;
import dev.patchworkmcp.sidecar.calls.InferredReports;
import dev.patchworkmcp.sidecar.calls.ToolsApi;
import dev.patchworkmcp.sidecar.drafting.DraftApi;
import dev.patchworkmcp.sidecar.drafting.StoreDraftSubjects;
import dev.patchworkmcp.sidecar.feedback.EventsApi;
import dev.patchworkmcp.sidecar.feedback.ExportApi;
import dev.patchworkmcp.sidecar.feedback.FeedbackApi;
import dev.patchworkmcp.sidecar.feedback.FeedbackValidator;
import dev.patchworkmcp.sidecar.feedback.StatsApi;
import dev.patchworkmcp.sidecar.http.AccessFilter;
import dev.patchworkmcp.sidecar.http.ConnectionClose;
import dev.patchworkmcp.sidecar.http.ErrorResponses;
import dev.patchworkmcp.sidecar.http.HeaderDeadline;
import dev.patchworkmcp.sidecar.http.HealthApi;
import dev.patchworkmcp.sidecar.http.MethodNotAllowed;
import dev.patchworkmcp.sidecar.http.ReportPage;
import dev.patchworkmcp.sidecar.http.SecurityHeaders;
import dev.patchworkmcp.sidecar.settings.SettingsApi;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

/**
 * One running sidecar: {@link SidecarParts} (the composition root) builds every part, {@link #routing} registers
 * the HTTP services over them, and the web server serves them. Production {@code main} and the tests both come
 * through {@link #start}. Start order: database, parts, background work, web server; {@link #stop} runs in reverse.
 * Thread-safe.
 */
public final class Sidecar {
    /** The sidecar's version, reported by {@code /api/health}. */
    public static final String VERSION = "0.1.0";

    private final WebServer server;
    private final SidecarParts parts;
    private final HeaderDeadline headerDeadline;

    private Sidecar(WebServer server, SidecarParts parts, HeaderDeadline headerDeadline) {
        this.server = server;
        this.parts = parts;
        this.headerDeadline = headerDeadline;
    }

    /** Starts a sidecar; port 0 picks a free port (see {@link #port()}). */
    public static Sidecar start(SidecarConfig config) {
        refuseUnsafeBind(config);
        refuseTakenPort(config);
        SidecarParts parts = SidecarParts.open(config);
        HeaderDeadline headerDeadline = null;
        try {
            parts.start();
            WebServerConfig.Builder builder = WebServer.builder();
            headerDeadline = config.limits().applyTo(builder);
            WebServer server = builder.host(config.host())
                    .port(config.port())
                    .featuresDiscoverServices(false)
                    .directHandlers(ErrorResponses.directHandlers())
                    .addFeature(ObserveFeature.just(MetricsObserver.builder()
                            .endpoint("/metrics")
                            .meterRegistry(parts.meters())
                            .build()))
                    .routing(routing -> routing(routing, parts))
                    .build()
                    .start();
            if (!server.isRunning()) {
                throw new PortUnavailableException(config.host(), config.port(), "the web server could not bind it");
            }
            return new Sidecar(server, parts, headerDeadline);
        } catch (RuntimeException e) {
            if (headerDeadline != null) {
                headerDeadline.close();
            }
            parts.close();
            throw e;
        }
    }

    /**
     * Every route of the sidecar, in matching order, one registration per path over the parts built by
     * {@link SidecarParts}. To add a feature, add one line in the marked block.
     */
    static void routing(HttpRouting.Builder server, SidecarParts parts) {
        // Every route is recorded as it is registered, so that a wrong method on a known path answers 405.
        MethodNotAllowed methods = new MethodNotAllowed();
        HttpRouting.Builder routing = methods.recording(server);
        routing.addFilter(new ConnectionClose())
                .addFilter(new SecurityHeaders())
                .addFilter(
                        new AccessFilter(parts.config().access(), parts.config().host()));
        ErrorResponses.register(routing);
        InferredReports inferred = parts.inferred();

        routing.register("/api/health", new HealthApi(parts.database(), VERSION))
                .register(
                        "/api/feedback",
                        new FeedbackApi(new FeedbackApi.Parts(
                                parts.feedback(),
                                parts.drafts(),
                                new FeedbackValidator(parts.contract()),
                                parts.bodies(),
                                parts.ingestMetrics(),
                                parts.events(),
                                parts.masker(),
                                report -> inferred.supersede(List.of(report)))))
                .register("/api/stats", new StatsApi(parts.stats()))
                .register("/api/export", new ExportApi(parts.feedback()))
                .register(
                        "/api/events",
                        new EventsApi(parts.events(), parts.config().heartbeat()))
                .register("/api/settings", new SettingsApi(parts.settings(), parts.bodies()));

        // ---- feature routes (one line each) ----
        routing.register(
                "/api/feedback",
                new DraftApi(
                        new StoreDraftSubjects(parts.feedback()),
                        parts.drafting(),
                        parts.json(),
                        parts.config().heartbeat()));
        routing.register("/api/clusters", parts.insight().api(parts.bodies(), parts.json()));
        routing.register("/api/webhooks", parts.webhooks().api(parts.bodies()));
        routing.register("/mcp", parts.triage().http());
        routing.register(
                "/api/calls",
                new CallsApi(parts.calls(), new CallBatchReader(parts.masker()), parts.bodies(), inferred));
        routing.register("/api/tools", new ToolsApi(parts.calls()));
        // ---- end of feature routes ----

        // Requests no API route took: 405 with Allow when the path is known under other methods, else 404.
        Handler unknownApi = methods.fallback();
        routing.any("/api", unknownApi).any("/api/*", unknownApi);
        routing.get("/reports/{id}", new ReportPage());
        routing.register(
                "/",
                StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                        .location("web")
                        .welcome("index.html")
                        .build()));
    }

    private static void refuseUnsafeBind(SidecarConfig config) {
        if (isLoopback(config.host()) || !config.access().adminKey().isEmpty()) {
            return;
        }
        throw new ConfigException("Refusing to listen on " + config.host()
                + ": that address is reachable from other machines and FEEDBACK_ADMIN_KEY is not set, so anyone could"
                + " read every report and change settings. Set FEEDBACK_ADMIN_KEY (and FEEDBACK_API_KEY for"
                + " ingest), or keep FEEDBACK_HOST=127.0.0.1.");
    }

    /**
     * Fails fast, before the database opens, when the port is taken: the web server would log a stack trace and
     * start without a listener. The check after start covers a port taken in between.
     */
    private static void refuseTakenPort(SidecarConfig config) {
        if (config.port() == 0) {
            return;
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(new InetSocketAddress(config.host(), config.port()));
        } catch (IOException e) {
            throw new PortUnavailableException(config.host(), config.port(), e.getMessage());
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("FEEDBACK_HOST '" + host + "' is not a known host name or address.");
        }
    }

    public String host() {
        return server.prototype().host();
    }

    public int port() {
        return server.port();
    }

    /** The stores and settings this sidecar was built from (tests use them to arrange state). */
    public SidecarParts parts() {
        return parts;
    }

    /** Stops in the reverse order of {@link #start}: open event streams end first, then the server, then the parts. */
    public void stop() {
        parts.endStreams();
        server.stop();
        headerDeadline.close();
        parts.close();
    }
}
