package dev.patchworkmcp.proxy.http;

/** The proxy could not serve HTTP on its address: the port is taken, or the address is not this machine's. */
public final class PortUnavailableException extends RuntimeException {
    public PortUnavailableException(String host, int port, String reason) {
        super("cannot serve on " + host + ":" + port + " (" + reason + "): another process listens there. Stop it,"
                + " or pick another port with --port.");
    }
}
