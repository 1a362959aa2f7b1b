package dev.patchworkmcp.proxy.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The sidecar's HTTP client builds the JDK's TLS defaults only for a sidecar reached over TLS. */
class SidecarHttpTest {

    @Test
    void plainHttpSidecarLeavesTheDefaultTlsContextAlone() throws Exception {
        HttpClient client = SidecarHttp.client(URI.create("http://127.0.0.1:8080/api/feedback"));

        assertThat(client.sslContext()).isNotSameAs(SSLContext.getDefault());
    }

    @Test
    void httpsSidecarGetsTheDefaultTlsContext() throws Exception {
        HttpClient client = SidecarHttp.client(URI.create("https://sidecar.example/api/feedback"));

        assertThat(client.sslContext()).isSameAs(SSLContext.getDefault());
    }
}
