package dev.patchworkmcp.sidecar;

import dev.patchworkmcp.sidecar.calls.CallBatchReader;
import dev.patchworkmcp.sidecar.calls.CallStore;
import dev.patchworkmcp.sidecar.calls.CallsApi;
import dev.patchworkmcp.sidecar.calls.InferredReports;
import dev.patchworkmcp.sidecar.calls.ToolsApi;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.drafting.DraftApi;
import dev.patchworkmcp.sidecar.drafting.DraftSettingsSource;
import dev.patchworkmcp.sidecar.drafting.DraftSetup;
import dev.patchworkmcp.sidecar.drafting.StoreDraftHistory;
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
import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.http.MethodNotAllowed;
import dev.patchworkmcp.sidecar.http.ReportPage;
import dev.patchworkmcp.sidecar.http.SecurityHeaders;
import dev.patchworkmcp.sidecar.masking.MaskingException;
import dev.patchworkmcp.sidecar.masking.SecretMasker;
import dev.patchworkmcp.sidecar.mcp.TriageServer;
import dev.patchworkmcp.sidecar.settings.SettingsApi;
import dev.patchworkmcp.sidecar.webhooks.Webhooks;
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
 * The composition root of the sidecar process: opens the database, builds the stores and the HTTP services,
 * and starts the web server. Production {@code main} and the tests both come through {@link #start}. Thread-safe.
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
        Database database = Database.open(config.database());
        SidecarParts parts = null;
        HeaderDeadline headerDeadline = null;
        try {
            parts = SidecarParts.create(config, database);
            SidecarParts built = parts;
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
                    .routing(routing -> routing(routing, built))
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
            if (parts != null) {
                parts.insight().close();
                parts.feedback().close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Every route of the sidecar, in matching order. To add a feature, add one line in the marked block, e.g.
     * {@code routing.register("/api/feedback", new DraftApi(parts));}.
     */
    private static void routing(HttpRouting.Builder server, SidecarParts parts) {
        // Every route is recorded as it is registered, so that a wrong method on a known path answers 405.
        MethodNotAllowed methods = new MethodNotAllowed();
        HttpRouting.Builder routing = methods.recording(server);
        routing.addFilter(new ConnectionClose())
                .addFilter(new SecurityHeaders())
                .addFilter(
                        new AccessFilter(parts.config().access(), parts.config().host()));
        ErrorResponses.register(routing);
        SecretMasker masker = masker(parts.config());
        InferredReports inferred = new InferredReports(
                parts.database(),
                parts.feedback(),
                Json.MAPPER,
                parts.config().telemetry().inferGaps());

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
                                masker,
                                report -> inferred.supersede(List.of(report)))))
                .register("/api/stats", new StatsApi(parts.stats()))
                .register("/api/export", new ExportApi(parts.feedback()))
                .register(
                        "/api/events",
                        new EventsApi(parts.events(), parts.config().heartbeat()))
                .register("/api/settings", new SettingsApi(parts.settings(), parts.bodies()));

        // ---- feature routes (one line each) ----
        routing.register("/api/feedback", DraftApi.create(parts));
        // Clusters are drafted through the same drafting flow, settings and history as single reports.
        parts.insight()
                .enableDrafting(
                        DraftSetup.of(parts.config().drafting().endpoints()),
                        new DraftSettingsSource(
                                parts.settings(), parts.config().drafting().repoPath()),
                        new StoreDraftHistory(parts.drafts()));
        routing.register("/api/clusters", parts.insight().api(parts.bodies()));
        routing.register(
                "/api/webhooks", Webhooks.start(parts.database(), parts.insight(), parts.bodies(), parts.clock()));
        routing.register(
                "/mcp",
                TriageServer.start(
                                parts.insight(),
                                parts.feedback(),
                                parts.config().access().adminKey())
                        .http());

        CallStore calls = new CallStore(parts.database(), parts.clock());
        routing.register("/api/calls", new CallsApi(calls, new CallBatchReader(masker), parts.bodies(), inferred))
                .register("/api/tools", new ToolsApi(calls));

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

    private static SecretMasker masker(SidecarConfig config) {
        try {
            return SecretMasker.of(config.telemetry().maskPatterns(), Json.MAPPER);
        } catch (MaskingException e) {
            throw new ConfigException("FEEDBACK_MASK_PATTERNS: " + e.getMessage());
        }
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

    public void stop() {
        parts.events().close();
        server.stop();
        headerDeadline.close();
        parts.insight().close();
        parts.feedback().close();
        parts.database().close();
    }
}
