"""A tiny stdio MCP server on the SDK's low-level Server plus the feedback drop-in (mcp 1.x and 2.x)."""

import anyio
from mcp import types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from feedback_tool import TOOL_NAME, get_tool_definition, send_feedback

SERVER_NAME = "python-lowlevel"


async def call(name: str, arguments: dict) -> types.CallToolResult:
    if name == TOOL_NAME:
        return await send_feedback(arguments, SERVER_NAME)
    raise ValueError(f"unknown tool {name}")


def build() -> Server:
    try:  # mcp 2.x: handlers are passed to the constructor
        async def on_list_tools(ctx, params):
            return types.ListToolsResult(tools=[get_tool_definition()])

        async def on_call_tool(ctx, params):
            return await call(params.name, params.arguments or {})

        return Server(SERVER_NAME, on_list_tools=on_list_tools, on_call_tool=on_call_tool)
    except TypeError:  # mcp 1.x: decorators
        server = Server(SERVER_NAME)

        @server.list_tools()
        async def list_tools() -> list[types.Tool]:
            return [get_tool_definition()]

        @server.call_tool()
        async def call_tool(name: str, arguments: dict) -> types.CallToolResult:
            return await call(name, arguments)

        return server


async def main() -> None:
    server = build()
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


if __name__ == "__main__":
    anyio.run(main)
