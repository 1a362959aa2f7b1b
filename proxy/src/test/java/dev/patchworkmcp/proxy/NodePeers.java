package dev.patchworkmcp.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP peers from npm that the tests drive (pinned in {@code src/test/node/package.json} and its
 * lock file): installs them with {@code npm ci} when {@code node_modules} is missing or older than the lock.
 */
final class NodePeers {

    static final Path DIR = Path.of("src/test/node").toAbsolutePath();
    private static final Path MODULES = DIR.resolve("node_modules");
    private static boolean installed;

    private NodePeers() {}

    static synchronized void install() throws IOException, InterruptedException {
        if (installed) {
            return;
        }
        Path marker = MODULES.resolve(".package-lock.json");
        if (!Files.exists(marker)
                || Files.getLastModifiedTime(DIR.resolve("package-lock.json"))
                                .compareTo(Files.getLastModifiedTime(marker))
                        > 0) {
            Path log = Files.createTempFile("npm-ci", ".log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException(
                        "npm ci in " + DIR + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        }
        installed = true;
    }

    /** {@code @modelcontextprotocol/server-everything} over stdio. */
    static List<String> everything() {
        return List.of("node", module("server-everything/dist/index.js").toString(), "stdio");
    }

    /** {@code @modelcontextprotocol/server-filesystem} serving {@code root}. */
    static List<String> filesystem(Path root) {
        return List.of("node", module("server-filesystem/dist/index.js").toString(), root.toString());
    }

    /** server-everything started the way desktop configs do it: npx, which starts sh, which starts node. */
    static List<String> everythingViaNpx() {
        return List.of("npx", "--no-install", "--prefix", DIR.toString(), "mcp-server-everything", "stdio");
    }

    static Path module(String path) {
        return MODULES.resolve("@modelcontextprotocol").resolve(path);
    }

    /** {@code node <script under src/test/node> args...}. */
    static List<String> script(String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of("node", DIR.resolve(name).toString()));
        command.addAll(args);
        return command;
    }
}
