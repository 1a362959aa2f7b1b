package dev.patchworkmcp.sidecar.http;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a {@code Host} header names this sidecar: loopback names and addresses, the configured bind
 * host, and {@code FEEDBACK_ALLOWED_HOSTS} ({@code *} turns the check off). Names are never resolved, which is
 * the point: a rebinding attacker controls DNS. Immutable.
 */
final class HostCheck {
    private final Set<String> names = new HashSet<>();
    private final boolean any;

    HostCheck(String bindHost, List<String> allowedHosts) {
        names.addAll(List.of("localhost", "127.0.0.1", "::1"));
        String bind = normalise(bindHost);
        if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
            names.add(bind);
        }
        allowedHosts.forEach(host -> names.add(normalise(host)));
        any = names.contains("*");
    }

    boolean allows(String hostHeader) {
        if (any) {
            return true;
        }
        String name = normalise(stripPort(hostHeader.strip()));
        return names.contains(name)
                || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || name.endsWith(".localhost");
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }

    private static String normalise(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
