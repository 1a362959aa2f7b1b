package dev.patchworkmcp.proxy.outbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client the proxy talks to its sidecar with. For an {@code http://} sidecar (the usual loopback one) it
 * gets a TLS context that is never initialised: the JDK client otherwise builds the default one as it is made,
 * which reads and parses the system's trust store (about 400 classes and several MB of the proxy's memory) for a
 * connection that never uses TLS. An {@code https://} sidecar gets the JDK's defaults.
 */
public final class SidecarHttp {
    private SidecarHttp() {}

    /** A client for requests to {@code endpoint}, HTTP/1.1, with a 5 s connect timeout. */
    public static HttpClient client(URI endpoint) {
        HttpClient.Builder builder =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        if ("http".equalsIgnoreCase(endpoint.getScheme())) {
            try {
                builder.sslContext(SSLContext.getInstance("TLS")).sslParameters(new SSLParameters());
            } catch (NoSuchAlgorithmException e) {
                // unreachable on a JDK (every one ships TLS); the client then keeps its defaults
            }
        }
        return builder.build();
    }
}
