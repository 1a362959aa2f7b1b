"""Drives a Streamable HTTP MCP endpoint with the `mcp` 2.x Client and prints one JSON line of what it saw.

usage: http_era_client.py <url> <mode: auto|legacy> <client-name> <tool> <json-arguments>
Lists tools, calls the tool, calls the feedback tool, and prints the negotiated protocol version, the tool
names, the call's first text and the feedback answer's text."""
import asyncio
import json
import sys

from mcp import Client
from mcp.types import Implementation


async def main(url: str, mode: str, name: str, tool: str, arguments: dict) -> None:
    async with Client(url, mode=mode, client_info=Implementation(name=name, version="9.8.7")) as client:
        tools = await client.list_tools()
        called = await client.call_tool(tool, arguments)
        feedback = await client.call_tool(
            "feedback",
            {"what_i_needed": "multiply two integers", "what_i_tried": tool, "gap_type": "missing_tool"},
        )
        print(json.dumps({
            "protocolVersion": client.protocol_version,
            "tools": [t.name for t in tools.tools],
            "call": called.content[0].text,
            "callError": bool(called.is_error),
            "feedback": feedback.content[0].text,
            "feedbackError": bool(feedback.is_error),
        }))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5])))
