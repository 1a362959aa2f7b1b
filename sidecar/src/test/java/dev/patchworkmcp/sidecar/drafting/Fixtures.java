package dev.patchworkmcp.sidecar.drafting;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small MCP server repository and reports about it, shared by the drafting tests. */
final class Fixtures {
    static final String SERVER_PY = """
            from mcp.server.fastmcp import FastMCP

            mcp = FastMCP("weather")


            @mcp.tool()
            def get_current_weather(city: str) -> str:
                \"\"\"Current weather for a city.\"\"\"
                return f"Sunny in {city}"


            if __name__ == "__main__":
                mcp.run()
            """;

    private Fixtures() {}

    static Map<String, String> repository() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "# weather-mcp\n");
        files.put("pyproject.toml", "[project]\nname = \"weather-mcp\"\n");
        files.put("src/weather_mcp/server.py", SERVER_PY);
        files.put("src/weather_mcp/util.py", "def celsius(f):\n    return (f - 32) * 5 / 9\n");
        files.put(".github/workflows/ci.yml", "on: push\njobs: {}\n");
        files.put("node_modules/left-pad/index.js", "module.exports = x => x\n");
        files.put("build/lib/server.py", "@mcp.tool()\ndef stale(): pass\n");
        files.put("secrets/deploy.py", "TOKEN = 'do-not-touch'\n");
        return files;
    }

    static SubjectReport report(String id, String whatINeeded, List<ReviewerNote> notes) {
        return new SubjectReport(
                id,
                "weather-mcp",
                "missing_tool",
                whatINeeded,
                "Called get_current_weather for each day",
                "Add a get_forecast tool",
                "Plan a trip",
                "partial",
                "claude-code",
                List.of("get_current_weather"),
                notes);
    }

    static DraftSubject subject() {
        return DraftSubject.of(report("9dc05013-aaaa-bbbb-cccc-000000000001", "A 5-day forecast", List.of()));
    }

    static ReviewerNote note(String content) {
        return new ReviewerNote("n1", Instant.parse("2026-11-26T09:00:00Z"), content);
    }
}
