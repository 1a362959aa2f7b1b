package dev.patchworkmcp.proxy;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The command line that starts the real proxy ({@link Main}) in its own JVM from the test classpath. */
final class ProxyLauncher {

    private ProxyLauncher() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test classpath with absolute entries, so the proxy starts from any working directory. */
    static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
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
