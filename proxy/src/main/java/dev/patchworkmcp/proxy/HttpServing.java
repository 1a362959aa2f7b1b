package dev.patchworkmcp.proxy;

import dev.patchworkmcp.proxy.http.HttpFrontEnd;
import dev.patchworkmcp.proxy.http.HttpFrontEndOptions;
import dev.patchworkmcp.proxy.relay.ProxySessionFactory;

/**
 * The seam to the HTTP front end ({@code --serve http}): maps the command line to {@link HttpFrontEndOptions} and
 * starts {@link HttpFrontEnd}, which stops the server (and every session's upstream) on close.
 */
final class HttpServing {

    private HttpServing() {}

    static AutoCloseable start(ProxyConfig config, ProxySessionFactory sessions) {
        HttpFrontEndOptions defaults = HttpFrontEndOptions.defaults();
        return HttpFrontEnd.start(
                new HttpFrontEndOptions(
                        config.host() == null ? defaults.host() : config.host(),
                        config.port(),
                        config.httpToken(),
                        defaults.sessionIdleTimeout(),
                        defaults.allowedHosts(),
                        defaults.allowedOrigins()),
                sessions);
    }
}
