package dev.patchworkmcp.sidecar.http;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The dashboard's page of one report, {@code /reports/{id}}: the same static page for every id (its script reads
 * the id, or the reference the agent was given, from the address and asks the API). Stateless.
 */
public final class ReportPage implements Handler {
    private static final String RESOURCE = "/web/report.html";

    private final byte[] page;

    public ReportPage() {
        try (InputStream in = ReportPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the sidecar's jar; rebuild it.");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        res.headers().contentType(MediaTypes.TEXT_HTML);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(page);
    }
}
