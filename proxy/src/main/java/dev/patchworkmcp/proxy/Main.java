package dev.patchworkmcp.proxy;

/** Entry point of {@code patchwork proxy}; the relay is built in its own issue. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("patchwork proxy: not built yet");
        System.exit(1);
    }
}
