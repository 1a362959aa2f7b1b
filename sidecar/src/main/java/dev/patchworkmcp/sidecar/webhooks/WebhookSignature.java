package dev.patchworkmcp.sidecar.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Patchwork-Signature} header: {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact
 * request body under the webhook's secret, as GitHub does for its own webhooks. Receivers recompute it over
 * the raw body and compare in constant time. Stateless.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Patchwork-Signature";

    private WebhookSignature() {}

    public static String of(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256; webhooks cannot be signed", e);
        }
    }
}
