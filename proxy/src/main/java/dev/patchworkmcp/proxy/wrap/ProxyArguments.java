package dev.patchworkmcp.proxy.wrap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a {@code patchwork proxy} command as written into a client config: the wrapped child command
 * (after {@code --}) or the remote {@code --url} with its headers (given, or named variables of the entry's
 * {@code env}) and transport. Only what unwrapping needs.
 */
record ProxyArguments(
        String name,
        List<String> child,
        String url,
        boolean sse,
        Map<String, String> headers,
        Map<String, String> headerVariables) {

    ProxyArguments {
        child = List.copyOf(child);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        headerVariables = Collections.unmodifiableMap(new LinkedHashMap<>(headerVariables));
    }

    /** Parses {@code proxy [options] -- command args...} or {@code proxy [options] --url URL ...}. */
    static ProxyArguments parse(List<String> args) {
        String name = null;
        String url = null;
        boolean sse = false;
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> headerVariables = new LinkedHashMap<>();
        int start = !args.isEmpty() && args.getFirst().equals("proxy") ? 1 : 0;
        for (int i = start; i < args.size(); i++) {
            String arg = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (arg) {
                case "--" -> {
                    return new ProxyArguments(
                            name, args.subList(i + 1, args.size()), url, sse, headers, headerVariables);
                }
                case "--name" -> name = value;
                case "--url" -> url = value;
                case "--transport" -> sse = "sse".equals(value);
                case "--header" -> {
                    int colon = value == null ? -1 : value.indexOf(':');
                    if (colon > 0) {
                        String headerValue = value.substring(colon + 1);
                        headers.put(
                                value.substring(0, colon).trim(),
                                headerValue.startsWith(" ") ? headerValue.substring(1) : headerValue);
                    }
                }
                case "--header-env" -> {
                    int eq = value == null ? -1 : value.indexOf('=');
                    if (eq > 0) {
                        headerVariables.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                }
                default -> {
                    continue;
                }
            }
            i++;
        }
        return new ProxyArguments(name, List.of(), url, sse, headers, headerVariables);
    }
}
