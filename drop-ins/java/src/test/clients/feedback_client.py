"""Starts a stdio MCP server (args: command...) with mcp 2.x's Client in auto mode, calls feedback once and
prints what it saw as one JSON line."""

import json
import os
import sys

import anyio
from mcp import Client
from mcp.client.stdio import StdioServerParameters


async def main() -> None:
    server = StdioServerParameters(command=sys.argv[1], args=sys.argv[2:], env=dict(os.environ))
    async with Client(server, mode="auto") as client:
        tools = await client.list_tools()
        answer = await client.call_tool(
            "feedback", {"what_i_needed": "a bulk export", "what_i_tried": "echo", "gap_type": "missing_tool"})
        print(json.dumps({
            "version": client.protocol_version,
            "tools": sorted(tool.name for tool in tools.tools),
            "resultType": answer.result_type,
            "isError": answer.is_error is True,
            "text": answer.content[0].text,
        }))


anyio.run(main)
