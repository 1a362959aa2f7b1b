"""A Python mcp 2.x MCPServer over stdio with one tool, `add`: an upstream the proxy's era tests wrap."""

from mcp.server.mcpserver import MCPServer

server = MCPServer("python-adder", instructions="Adds numbers.")


@server.tool()
def add(a: int, b: int) -> int:
    """Adds two numbers."""
    return a + b


if __name__ == "__main__":
    server.run()
