package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SidecarHealthTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void answersHealthOnAnEphemeralLoopbackPort() throws Exception {
        Sidecar sidecar = Sidecar.start(new SidecarConfig("127.0.0.1", 0));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + "/api/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"ok\"");
        } finally {
            sidecar.stop();
        }
    }
}
