package dev.patchworkmcp.sidecar;

/** The sidecar could not listen on its address: the port is taken, or the address is not this machine's. */
public final class PortUnavailableException extends RuntimeException {
    public PortUnavailableException(String host, int port, String reason) {
        super("cannot listen on " + host + ":" + port + " (" + reason + "): is another sidecar running there? Stop"
                + " it, or pick another port with --port or FEEDBACK_PORT.");
    }
}
