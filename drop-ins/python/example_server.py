"""A tiny stdio MCP server: FastMCP (mcp 1.x) or MCPServer (mcp 2.x) plus the feedback drop-in."""

try:
    from mcp.server.mcpserver import MCPServer as Server  # mcp 2.x
except ImportError:
    from mcp.server.fastmcp import FastMCP as Server  # mcp 1.x

from feedback_tool import register_feedback_tool

server = Server("python-example")


@server.tool()
def echo(text: str) -> str:
    """Echoes its text."""
    return text


register_feedback_tool(server, "python-example")

if __name__ == "__main__":
    server.run()
