package dev.patchworkmcp.proxy;

import dev.patchworkmcp.proxy.http.HttpFrontEnd;
import dev.patchworkmcp.proxy.relay.ProxySessionFactory;

/**
 * The seam to the HTTP front end ({@code --serve http}): maps the command line to {@link HttpFrontEndOptions} and
 * starts {@link HttpFrontEnd}, which stops the server (and every session's upstream) on close.
 */
final class HttpServing {

    private HttpServing() {}

    static AutoCloseable start(ProxyConfig config, ProxySessionFactory sessions) {
        return HttpFrontEnd.start(config.http(), sessions);
    }
}
