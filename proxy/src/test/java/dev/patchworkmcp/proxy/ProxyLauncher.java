package dev.patchworkmcp.proxy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts the real proxy ({@link Main}) in its own JVM from the test classpath. */
final class ProxyLauncher {

    private ProxyLauncher() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -cp <test classpath> dev.patchworkmcp.proxy.Main <proxyArgs> -- <upstream>}. */
    static List<String> command(List<String> proxyArgs, List<String> upstream) {
        List<String> command = new ArrayList<>(List.of(
                java(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(proxyArgs);
        command.add("--");
        command.addAll(upstream);
        return command;
    }
}
