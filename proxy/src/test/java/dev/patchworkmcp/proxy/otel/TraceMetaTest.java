package dev.patchworkmcp.proxy.otel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceMetaTest {

    private static final String OURS = "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01";

    private static String spliced(String request) {
        return TraceMeta.read(request).with(request, OURS);
    }

    @Test
    void replacesTheAgentsTraceparentAndKeepsTheRest() {
        String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"n\":1.50},\"_meta\":{\"traceparent\":\"00-aa-bb-01\",\"tracestate\":\"k=v\"}}}";

        TraceMeta meta = TraceMeta.read(request);

        assertThat(meta.traceparent()).isEqualTo("00-aa-bb-01");
        assertThat(meta.tracestate()).isEqualTo("k=v");
        assertThat(meta.with(request, OURS)).isEqualTo(request.replace("00-aa-bb-01", OURS));
    }

    @Test
    void addsTraceparentToAnExistingMeta() {
        assertThat(spliced("{\"id\":1,\"method\":\"m\",\"params\":{\"_meta\":{\"progressToken\":7}}}"))
                .isEqualTo("{\"id\":1,\"method\":\"m\",\"params\":{\"_meta\":{\"traceparent\":\"" + OURS
                        + "\",\"progressToken\":7}}}");
        assertThat(spliced("{\"id\":1,\"method\":\"m\",\"params\":{\"_meta\":{}}}"))
                .isEqualTo("{\"id\":1,\"method\":\"m\",\"params\":{\"_meta\":{\"traceparent\":\"" + OURS + "\"}}}");
    }

    @Test
    void addsMetaToParamsOrParamsToTheRequest() {
        assertThat(spliced("{\"id\":1,\"method\":\"m\",\"params\":{\"a\":[1,2]}}"))
                .isEqualTo("{\"id\":1,\"method\":\"m\",\"params\":{\"_meta\":{\"traceparent\":\"" + OURS
                        + "\"},\"a\":[1,2]}}");
        assertThat(spliced("{\"id\":1,\"method\":\"m\",\"params\":{}}"))
                .isEqualTo("{\"id\":1,\"method\":\"m\",\"params\":{\"_meta\":{\"traceparent\":\"" + OURS + "\"}}}");
        assertThat(spliced("{\"id\":1,\"method\":\"ping\"}"))
                .isEqualTo("{\"params\":{\"_meta\":{\"traceparent\":\"" + OURS + "\"}},\"id\":1,\"method\":\"ping\"}");
    }

    @Test
    void leavesRequestsWhoseParamsOrMetaAreNotObjectsAlone() {
        assertThat(TraceMeta.read("{\"id\":1,\"method\":\"m\",\"params\":[1]}")).isNull();
        assertThat(TraceMeta.read("{\"id\":1,\"method\":\"m\",\"params\":{\"_meta\":\"x\"}}"))
                .isNull();
        assertThat(TraceMeta.read("not json")).isNull();
    }
}
