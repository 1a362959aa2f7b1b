"""Drives a proxied MCP server with the Python mcp 2.x client over stdio and prints what it saw as one JSON line.

Usage: era_client.py <mode> <tool> <json-args> <command...>
mode is "auto", "legacy" or a modern version such as "2026-07-28" (the client's `mode=`).
"""

import asyncio
import json
import sys

from mcp.client import Client
from mcp.client.stdio import StdioServerParameters
from mcp.types import Implementation


async def main() -> None:
    mode, tool, arguments, command = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4:]
    server = StdioServerParameters(command=command[0], args=command[1:])
    seen = {}
    async with Client(server, mode=mode, client_info=Implementation(name="python-era-client", version="2.3.0")) as client:
        seen["protocolVersion"] = client.protocol_version
        seen["instructions"] = client.instructions
        tools = await client.list_tools()
        seen["tools"] = [t.name for t in tools.tools]
        called = await client.call_tool(tool, arguments)
        seen["call"] = called.model_dump(mode="json", by_alias=True, exclude_none=True)
        feedback = await client.call_tool(
            "feedback",
            {"what_i_needed": "a bulk add", "what_i_tried": tool, "gap_type": "missing_tool"},
        )
        seen["feedback"] = feedback.model_dump(mode="json", by_alias=True, exclude_none=True)
        invalid = await client.call_tool("feedback", {"what_i_needed": "x"})
        seen["invalid"] = invalid.model_dump(mode="json", by_alias=True, exclude_none=True)
    print(json.dumps(seen))


asyncio.run(main())
