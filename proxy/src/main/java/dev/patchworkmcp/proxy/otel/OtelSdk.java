package dev.patchworkmcp.proxy.otel;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenTelemetry SDK as the standard {@code OTEL_*} variables configure it (SDK autoconfiguration), with two
 * additions: the proxy exports no logs unless asked, and {@code http/json}, which the Java OTLP exporter does not
 * offer, is served by {@link OtlpJsonExporters}.
 */
final class OtelSdk {

    private static final String PROTOCOL = "otel.exporter.otlp.protocol";

    private OtelSdk() {}

    static OpenTelemetrySdk fromEnvironment(String serviceName) {
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.service.name", serviceName, "otel.logs.exporter", "none"))
                .addPropertiesCustomizer(OtelSdk::protobufInsteadOfJson)
                .addSpanExporterCustomizer(
                        (exporter, config) -> isJson(config, "traces") ? OtlpJsonExporters.spans(config) : exporter)
                .addMetricExporterCustomizer(
                        (exporter, config) -> isJson(config, "metrics") ? OtlpJsonExporters.metrics(config) : exporter)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    /**
     * Lets the autoconfiguration build its HTTP exporters where {@code http/json} is asked for (then replaced), and
     * keeps the asked protocol under a name of ours.
     */
    private static Map<String, String> protobufInsteadOfJson(ConfigProperties config) {
        Map<String, String> changed = new HashMap<>();
        for (String key :
                new String[] {PROTOCOL, "otel.exporter.otlp.traces.protocol", "otel.exporter.otlp.metrics.protocol"}) {
            String value = config.getString(key);
            if ("http/json".equals(value)) {
                changed.put(key, "http/protobuf");
                changed.put("patchwork." + key, "http/json");
            }
        }
        return changed;
    }

    private static boolean isJson(ConfigProperties config, String signal) {
        String specific = config.getString("patchwork.otel.exporter.otlp." + signal + ".protocol");
        if (specific != null) {
            return true;
        }
        String ownSignal = config.getString("otel.exporter.otlp." + signal + ".protocol");
        return ownSignal == null && "http/json".equals(config.getString("patchwork." + PROTOCOL));
    }
}
