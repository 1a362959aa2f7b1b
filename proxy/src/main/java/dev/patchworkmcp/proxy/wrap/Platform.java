package dev.patchworkmcp.proxy.wrap;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The facts about the machine that decide where client configs live: the operating system, the home directory,
 * the environment and the working directory. A value, so tests can describe a Windows or macOS machine on Linux.
 */
public record Platform(Os os, String home, Map<String, String> env, String workingDirectory) {

    /** The operating systems whose client config locations we know. */
    public enum Os {
        MAC,
        WINDOWS,
        LINUX
    }

    public Platform {
        env = Map.copyOf(env);
    }

    /**
     * The machine this JVM runs on. The home directory comes from {@code HOME} ({@code USERPROFILE} on Windows) when
     * set, as the clients (Node and Electron apps) resolve it, rather than from the JVM's {@code user.home}.
     */
    public static Platform current() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Os os = name.contains("mac") ? Os.MAC : name.contains("win") ? Os.WINDOWS : Os.LINUX;
        Map<String, String> env = System.getenv();
        String home = env.get(os == Os.WINDOWS ? "USERPROFILE" : "HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return new Platform(os, home, env, System.getProperty("user.dir"));
    }

    /** Joins names with this platform's separator, whatever platform the JVM itself runs on. */
    public Path path(String first, String... more) {
        String separator = os == Os.WINDOWS ? "\\" : "/";
        StringBuilder joined = new StringBuilder(trimTrailing(first, separator));
        for (String name : more) {
            joined.append(separator).append(name);
        }
        return Path.of(joined.toString());
    }

    /** The per-user application data directory: {@code %APPDATA%}, {@code ~/Library/Application Support}, XDG. */
    public String appData() {
        return switch (os) {
            case WINDOWS -> env.getOrDefault("APPDATA", home + "\\AppData\\Roaming");
            case MAC -> home + "/Library/Application Support";
            case LINUX -> {
                String xdg = env.get("XDG_CONFIG_HOME");
                yield xdg == null || xdg.isBlank() ? home + "/.config" : xdg;
            }
        };
    }

    private static String trimTrailing(String value, String separator) {
        return value.length() > 1 && value.endsWith(separator) ? value.substring(0, value.length() - 1) : value;
    }
}
