package dev.patchworkmcp.proxy.upstream;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Where the wrapped MCP server is: a child process over stdio, or a remote server. */
public sealed interface UpstreamTarget {

    /** A server started as a child process, spoken to over its stdin/stdout. */
    record Stdio(List<String> command, Map<String, String> env, Path workingDirectory) implements UpstreamTarget {
        public Stdio {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }
    }

    /** A remote server on the Streamable HTTP transport. */
    record StreamableHttp(URI url, Map<String, String> headers) implements UpstreamTarget {
        public StreamableHttp {
            headers = Map.copyOf(headers);
        }
    }

    /** A remote server on the legacy HTTP+SSE transport. */
    record Sse(URI url, Map<String, String> headers) implements UpstreamTarget {
        public Sse {
            headers = Map.copyOf(headers);
        }
    }
}
