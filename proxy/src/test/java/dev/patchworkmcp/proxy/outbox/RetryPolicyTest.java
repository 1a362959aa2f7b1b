package dev.patchworkmcp.proxy.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void doublesTheDelayUpToTheCap() {
        RetryPolicy policy = RetryPolicy.standard();

        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delayAfter(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void classifiesSidecarAnswers() {
        assertThat(SidecarClient.classify(201, "{}")).isInstanceOf(Delivery.Delivered.class);
        assertThat(SidecarClient.classify(200, "{\"status\":\"duplicate\"}")).isInstanceOf(Delivery.Delivered.class);
        assertThat(SidecarClient.classify(503, "")).isInstanceOf(Delivery.Retry.class);
        assertThat(SidecarClient.classify(429, "")).isInstanceOf(Delivery.Retry.class);
        assertThat(SidecarClient.classify(401, "")).isInstanceOf(Delivery.Unauthorized.class);
        assertThat(SidecarClient.classify(422, "{\"detail\":\"bad gap_type\"}"))
                .isEqualTo(new Delivery.Rejected(422, "HTTP 422: {\"detail\":\"bad gap_type\"}"));
    }

    @Test
    void readsTheReportIdFromTheSidecarsAnswer() {
        assertThat(SidecarClient.classify(
                        201, "{\"id\":\"6f1c2b1e-1111-4a4a-9b9b-0123456789ab\",\"status\":\"recorded\"}"))
                .isEqualTo(new Delivery.Delivered(201, "6f1c2b1e-1111-4a4a-9b9b-0123456789ab"));
        assertThat(SidecarClient.reportId("{\"status\": \"duplicate\", \"id\" : \"abc\"}"))
                .isEqualTo("abc");
        assertThat(SidecarClient.reportId("{\"status\":\"recorded\"}")).isNull();
        assertThat(SidecarClient.reportId(null)).isNull();
    }
}
