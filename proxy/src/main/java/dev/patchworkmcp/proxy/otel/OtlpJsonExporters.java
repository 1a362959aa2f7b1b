package dev.patchworkmcp.proxy.otel;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * OTLP over HTTP with JSON bodies ({@code OTEL_EXPORTER_OTLP_PROTOCOL=http/json}), which the Java OTLP exporter does
 * not offer: the SDK's own OTLP marshalers write the JSON (pinned SDK version: they are internal API), the JDK HTTP
 * client posts it to the signal's endpoint with the configured headers. Blocking, on the SDK's export thread.
 */
final class OtlpJsonExporters {

    private static final System.Logger LOG = System.getLogger(OtlpJsonExporters.class.getName());

    private OtlpJsonExporters() {}

    static SpanExporter spans(ConfigProperties config) {
        Poster poster = Poster.of(config, "traces");
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return poster.post(TraceRequestMarshaler.create(spans));
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    static MetricExporter metrics(ConfigProperties config) {
        Poster poster = Poster.of(config, "metrics");
        return new MetricExporter() {
            @Override
            public CompletableResultCode export(Collection<MetricData> metrics) {
                return poster.post(MetricsRequestMarshaler.create(metrics));
            }

            @Override
            public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
                return AggregationTemporality.CUMULATIVE;
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    /** Posts one signal's requests. */
    private record Poster(URI endpoint, Map<String, String> headers, Duration timeout, HttpClient http) {

        static Poster of(ConfigProperties config, String signal) {
            String specific = config.getString("otel.exporter.otlp." + signal + ".endpoint");
            String base = config.getString("otel.exporter.otlp.endpoint", "http://localhost:4318");
            URI endpoint = URI.create(specific != null ? specific : base.replaceAll("/+$", "") + "/v1/" + signal);
            Map<String, String> headers = new HashMap<>(config.getMap("otel.exporter.otlp.headers"));
            headers.putAll(config.getMap("otel.exporter.otlp." + signal + ".headers"));
            Duration timeout = config.getDuration("otel.exporter.otlp.timeout", Duration.ofSeconds(10));
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timeout)
                    .build();
            return new Poster(endpoint, Map.copyOf(headers), timeout, http);
        }

        CompletableResultCode post(Marshaler body) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                body.writeJsonTo(out);
                HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
                headers.forEach(request::header);
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return CompletableResultCode.ofSuccess();
                }
                LOG.log(
                        System.Logger.Level.WARNING,
                        "OTLP receiver " + endpoint + " answered " + response.statusCode());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "OTLP receiver " + endpoint + " unreachable: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CompletableResultCode.ofFailure();
        }
    }
}
