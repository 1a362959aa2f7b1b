package dev.patchworkmcp.examples;

/** The example AI cost tracker MCP server; built in its own issue. */
public final class CostTrackerServer {
    private CostTrackerServer() {}

    public static void main(String[] args) {
        System.err.println("example server: not built yet");
        System.exit(1);
    }
}
