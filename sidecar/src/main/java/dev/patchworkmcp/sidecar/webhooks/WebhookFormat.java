package dev.patchworkmcp.sidecar.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The body a webhook receives: our own JSON event, or a Slack incoming-webhook message. */
public enum WebhookFormat {
    JSON,
    SLACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(WebhookFormat::wireName).toList();
    }

    public static WebhookFormat fromWire(String value) {
        for (WebhookFormat format : values()) {
            if (format.wireName().equals(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown webhook format '" + value + "'; use one of " + wireNames());
    }
}
