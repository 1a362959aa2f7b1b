package dev.patchworkmcp.proxy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real MCP peers from npm that the tests drive (pinned in {@code src/test/node/package.json} and its
 * lock file): installs them with {@code npm ci} when {@code node_modules} is missing or older than the lock.
 */
public final class NodePeers {

    static final Path DIR = Path.of("src/test/node").toAbsolutePath();
    private static final Path MODULES = DIR.resolve("node_modules");

    private NodePeers() {}

    public static void install() throws IOException, InterruptedException {
        NpmInstall.ensure(DIR);
    }

    /** {@code @modelcontextprotocol/server-everything} over stdio. */
    public static List<String> everything() {
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
