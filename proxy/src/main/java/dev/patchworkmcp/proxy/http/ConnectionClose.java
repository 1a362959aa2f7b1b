package dev.patchworkmcp.proxy.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Arrays;

/**
 * Closes the connection once a request that asked for {@code Connection: close} has its answer: Helidon 4.5 sends
 * {@code Connection: close} back but keeps reading the connection, which a client then holds open for nothing.
 * The sidecar has the same filter; the modules share no server code. Stateless.
 */
final class ConnectionClose implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        if (res.isSent() && askedToClose(req)) {
            throw new CloseConnectionException("the client asked for Connection: close");
        }
    }

    private static boolean askedToClose(RoutingRequest req) {
        return req.headers()
                .first(HeaderNames.CONNECTION)
                .map(value -> Arrays.stream(value.split(","))
                        .anyMatch(token -> token.strip().equalsIgnoreCase("close")))
                .orElse(false);
    }
}
