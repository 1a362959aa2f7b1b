package dev.patchworkmcp.proxy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real MCP peers of the TypeScript SDK v2 (protocol 2026-07-28) that the tests drive, pinned in
 * {@code src/test/node-v2/package.json} and its lock file: installed with {@code npm ci} when needed.
 */
public final class NodeV2Peers {

    static final Path DIR = Path.of("src/test/node-v2").toAbsolutePath();

    private NodeV2Peers() {}

    public static void install() throws IOException, InterruptedException {
        NpmInstall.ensure(DIR);
    }

    /** A TypeScript v2 server with one tool, {@code add}: both eras, or with {@code modernOnly} only 2026-07-28. */
    public static List<String> adder(boolean modernOnly) {
        List<String> command =
                new ArrayList<>(List.of("node", DIR.resolve("v2-server.mjs").toString()));
        if (modernOnly) {
            command.add("--modern-only");
        }
        return command;
    }

    /** {@code node <script under src/test/node-v2> args...}. */
    static List<String> script(String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of("node", DIR.resolve(name).toString()));
        command.addAll(args);
        return command;
    }
}
