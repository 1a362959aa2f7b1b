"""A small MCP server of the 2026-07-28 era (the `mcp` 2.x MCPServer) over stdio: the upstream of the proxy's
era tests, over stdio (or Streamable HTTP with `http <port>`). Tools: add (two integers) and slow (reports progress, then sleeps, to keep a request in flight)."""
import asyncio

from mcp.server.mcpserver import Context, MCPServer

server = MCPServer("era-upstream")


@server.tool()
def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


@server.tool()
async def slow(seconds: float, ctx: Context) -> str:
    """Report progress, wait, then answer."""
    await ctx.report_progress(1, 2)
    await asyncio.sleep(seconds)
    return "done"


if __name__ == "__main__":
    import sys

    if len(sys.argv) > 2 and sys.argv[1] == "http":
        server.run("streamable-http", host="127.0.0.1", port=int(sys.argv[2]))
    else:
        server.run("stdio")
