package dev.patchworkmcp.sidecar;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

/** Command-line entry point of {@code patchwork sidecar}. Exit code 2 on invalid configuration. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Sidecar sidecar;
        try {
            sidecar = Sidecar.start(SidecarConfig.from(Config.create()));
        } catch (ConfigException e) {
            System.err.println("patchwork sidecar: " + e.getMessage());
            System.exit(2);
            return;
        }
        // scripts/lib/test-sidecar.sh and other tools parse this line.
        System.err.println("PatchworkMCP sidecar listening on http://" + sidecar.host() + ":" + sidecar.port());
        Runtime.getRuntime().addShutdownHook(new Thread(sidecar::stop));
    }
}
