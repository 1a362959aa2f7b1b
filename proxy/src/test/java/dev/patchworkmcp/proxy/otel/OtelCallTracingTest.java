package dev.patchworkmcp.proxy.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelCallTracingTest {

    @Test
    void writesTheTraceparentTheW3cPropagatorWrites() {
        for (TraceFlags flags : new TraceFlags[] {TraceFlags.getSampled(), TraceFlags.getDefault()}) {
            SpanContext context = SpanContext.create(
                    "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", flags, TraceState.getDefault());
            Map<String, String> carrier = new HashMap<>();
            W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(context)), carrier, Map::put);

            assertThat(OtelCallTracing.traceparent(context)).isEqualTo(carrier.get("traceparent"));
        }
    }

    @Test
    void buildsTheMetricsAttributesOncePerKeyAndLeavesOutWhatIsMissing() {
        OtelCallTracing.MetricAttributes cache = new OtelCallTracing.MetricAttributes();
        OtelCallTracing.MetricKey call =
                new OtelCallTracing.MetricKey("tools/call", "echo", "pipe", "2025-11-25", null);

        Attributes first = cache.of(call);

        assertThat(cache.of(new OtelCallTracing.MetricKey("tools/call", "echo", "pipe", "2025-11-25", null)))
                .isSameAs(first);
        assertThat(first.asMap())
                .containsOnlyKeys(
                        OtelCallTracing.METHOD,
                        OtelCallTracing.TOOL,
                        OtelCallTracing.TRANSPORT,
                        OtelCallTracing.PROTOCOL);
        assertThat(cache.of(new OtelCallTracing.MetricKey("tools/list", null, "pipe", null, "-32601"))
                        .asMap())
                .containsOnlyKeys(OtelCallTracing.METHOD, OtelCallTracing.TRANSPORT, OtelCallTracing.ERROR_TYPE)
                .containsEntry(OtelCallTracing.ERROR_TYPE, "-32601");
    }

    @Test
    void keepsABoundedNumberOfKeysSinceToolNamesComeFromClients() {
        OtelCallTracing.MetricAttributes cache = new OtelCallTracing.MetricAttributes();
        for (int i = 0; i < OtelCallTracing.MetricAttributes.LIMIT + 500; i++) {
            Attributes attributes =
                    cache.of(new OtelCallTracing.MetricKey("tools/call", "tool-" + i, "http", null, null));
            assertThat(attributes.get(OtelCallTracing.TOOL)).isEqualTo("tool-" + i);
        }

        assertThat(cache.size()).isEqualTo(OtelCallTracing.MetricAttributes.LIMIT);
    }
}
