package dev.patchworkmcp.sidecar.drafting.context;

import dev.patchworkmcp.sidecar.drafting.repository.RepoFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scores repository files for how likely they are to hold an MCP server's tools, in every drop-in language
 * (Python, TypeScript/JavaScript, Go, Rust, Java/Kotlin): first by path (cheap, decides what to read), then by
 * content (tool-registration patterns, words from the report). Vendored and generated trees are skipped by
 * whole path segment, so {@code rebuild/} is kept while {@code build/} is not. Immutable.
 */
public final class FileScorer {
    /** Directory names whose contents are never shown to the model. */
    static final Set<String> SKIPPED_DIRECTORIES = Set.of(
            "node_modules",
            "vendor",
            "third_party",
            "third-party",
            ".git",
            "__pycache__",
            "dist",
            "build",
            "target",
            "out",
            ".venv",
            "venv",
            ".tox",
            ".mypy_cache",
            ".pytest_cache",
            ".ruff_cache",
            ".next",
            ".nuxt",
            ".svelte-kit",
            "coverage",
            ".gradle",
            ".idea",
            ".vscode",
            "site-packages",
            "bower_components",
            "generated",
            "__generated__",
            ".terraform",
            ".cargo",
            ".turbo",
            ".cache");

    private static final Set<String> SOURCE_EXTENSIONS = Set.of(
            "py", "ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "go", "rs", "java", "kt", "kts", "rb", "cs",
            "php", "swift");
    private static final Set<String> CONTEXT_NAMES = Set.of(
            "readme.md",
            "package.json",
            "pyproject.toml",
            "go.mod",
            "cargo.toml",
            "pom.xml",
            "build.gradle",
            "build.gradle.kts");
    private static final List<Pattern> GENERATED_NAMES = List.of(
            Pattern.compile(".*\\.min\\.(js|css)"),
            Pattern.compile(".*\\.pb\\.go"),
            Pattern.compile(".*_pb2(_grpc)?\\.pyi?"),
            Pattern.compile(".*\\.generated\\.\\w+"),
            Pattern.compile(".*\\.d\\.ts"),
            Pattern.compile(".*\\.bundle\\.js"));
    private static final long MAX_READABLE_BYTES = 512 * 1024;

    /** Tool-registration and MCP SDK patterns, per language. */
    static final List<Pattern> TOOL_PATTERNS = List.of(
            // Python (FastMCP, low-level server)
            Pattern.compile("@\\w+\\.tool\\b"),
            Pattern.compile("@\\w+\\.(list_tools|call_tool|resource|prompt)\\b"),
            Pattern.compile("\\bFastMCP\\("),
            Pattern.compile("^\\s*(from|import)\\s+(mcp|fastmcp)\\b", Pattern.MULTILINE),
            // TypeScript / JavaScript
            Pattern.compile("\\bserver\\.tool\\("),
            Pattern.compile("\\.registerTool\\("),
            Pattern.compile("\\bnew McpServer\\("),
            Pattern.compile("(ListToolsRequestSchema|CallToolRequestSchema)"),
            Pattern.compile("@modelcontextprotocol/sdk"),
            // Go (mcp-go, official go-sdk)
            Pattern.compile("\\bmcp\\.NewTool\\("),
            Pattern.compile("\\.AddTool\\("),
            Pattern.compile("\\bserver\\.NewMCPServer\\("),
            Pattern.compile("(mark3labs/mcp-go|modelcontextprotocol/go-sdk)"),
            // Rust (rmcp)
            Pattern.compile("#\\[tool(_router|_handler)?\\b"),
            Pattern.compile("\\brmcp::"),
            Pattern.compile("\\bimpl\\s+ServerHandler\\b"),
            // Java / Kotlin (MCP Java SDK, Spring AI)
            Pattern.compile("\\bMcpServerFeatures\\b"),
            Pattern.compile("\\b(Sync|Async)ToolSpecification\\b"),
            Pattern.compile("\\bMcpServer\\.(sync|async)\\("),
            Pattern.compile("@(Tool|McpTool)\\b"),
            Pattern.compile("io\\.modelcontextprotocol"));

    private final String serverName;
    private final List<String> reportWords;

    public FileScorer(String serverName, List<String> reportWords) {
        this.serverName = normalise(serverName == null ? "" : serverName);
        this.reportWords = List.copyOf(reportWords);
    }

    /** True when the file may be shown at all: not vendored, not generated, source or project context. */
    public boolean eligible(RepoFile file) {
        if (!file.regular() || file.size() > MAX_READABLE_BYTES || !descend(parentOf(file.path()))) {
            return false;
        }
        String name = nameOf(file.path()).toLowerCase(Locale.ROOT);
        if (GENERATED_NAMES.stream().anyMatch(p -> p.matcher(name).matches())) {
            return false;
        }
        return SOURCE_EXTENSIONS.contains(extensionOf(name)) || CONTEXT_NAMES.contains(name);
    }

    /** True when a directory (slash-separated, may be empty) is worth listing; checked segment by segment. */
    public static boolean descend(String directory) {
        for (String segment : directory.split("/")) {
            if (SKIPPED_DIRECTORIES.contains(segment.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** The score from the path alone; decides which files are read. */
    public int pathScore(RepoFile file) {
        String path = file.path().toLowerCase(Locale.ROOT);
        String name = nameOf(path);
        int score = 0;
        for (String word : List.of("tool", "mcp", "server")) {
            if (path.contains(word)) {
                score += 10;
            }
        }
        for (String word : List.of("handler", "schema", "resource", "prompt", "feature")) {
            if (path.contains(word)) {
                score += 5;
            }
        }
        if (name.matches("(main|index|app|lib|mod|__init__|__main__)\\.\\w+")) {
            score += 4;
        }
        if (!serverName.isEmpty() && normalise(path).contains(serverName)) {
            score += 20;
        }
        if (CONTEXT_NAMES.contains(name)) {
            score += name.equals("readme.md") ? 3 : 1;
        }
        if (isTest(path)) {
            score -= 8;
        }
        return score - path.split("/").length;
    }

    /** The score from the content: tool registrations and words of the report, with the lines they are on. */
    public ContentScore contentScore(String content) {
        int score = 0;
        List<Integer> lines = new ArrayList<>();
        for (Pattern pattern : TOOL_PATTERNS) {
            var matcher = pattern.matcher(content);
            boolean found = false;
            while (matcher.find()) {
                found = true;
                lines.add(lineOf(content, matcher.start()));
            }
            score += found ? 15 : 0;
        }
        String lower = content.toLowerCase(Locale.ROOT);
        int wordHits = 0;
        for (String word : reportWords) {
            int at = lower.indexOf(word);
            if (at >= 0) {
                wordHits++;
                lines.add(lineOf(content, at));
            }
        }
        return new ContentScore(Math.min(score, 60) + Math.min(wordHits * 3, 24), lines);
    }

    /** A content score and the 1-based lines that earned it. */
    public record ContentScore(int score, List<Integer> lines) {
        public ContentScore {
            lines = lines.stream().distinct().sorted().toList();
        }
    }

    static boolean isTest(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = nameOf(lower);
        return lower.startsWith("test/")
                || lower.startsWith("tests/")
                || lower.contains("/test/")
                || lower.contains("/tests/")
                || lower.contains("/__tests__/")
                || name.startsWith("test_")
                || name.matches(".*(_test\\.go|\\.test\\.[jt]sx?|\\.spec\\.[jt]sx?|test\\.java|tests\\.rs|_test\\.py)");
    }

    private static int lineOf(String content, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (content.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
