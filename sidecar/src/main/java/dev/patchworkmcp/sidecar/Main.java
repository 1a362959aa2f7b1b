package dev.patchworkmcp.sidecar;

/** Command-line entry point of {@code patchwork sidecar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Sidecar sidecar = Sidecar.start(SidecarConfig.fromEnvironment(System.getenv()));
        System.err.println("PatchworkMCP sidecar listening on http://" + sidecar.host() + ":" + sidecar.port());
        Runtime.getRuntime().addShutdownHook(new Thread(sidecar::stop));
    }
}
