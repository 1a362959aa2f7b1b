"""Drives a Streamable HTTP MCP endpoint with the `mcp` 2.x Client and prints one JSON line of what it saw.

usage: client.py <url> <mode: auto|legacy> <client-name>
Lists tools, calls add(2, 3), calls the feedback tool, and prints the negotiated protocol version, the tool
names, the add result and the feedback answer's text."""
import asyncio
import json
import sys

from mcp import Client
from mcp.types import Implementation


async def main(url: str, mode: str, name: str) -> None:
    async with Client(url, mode=mode, client_info=Implementation(name=name, version="9.8.7")) as client:
        tools = await client.list_tools()
        added = await client.call_tool("add", {"a": 2, "b": 3})
        feedback = await client.call_tool(
            "feedback",
            {"what_i_needed": "multiply two integers", "what_i_tried": "add", "gap_type": "missing_tool"},
        )
        print(json.dumps({
            "protocolVersion": client.protocol_version,
            "tools": [tool.name for tool in tools.tools],
            "add": added.content[0].text,
            "addError": bool(added.is_error),
            "feedback": feedback.content[0].text,
            "feedbackError": bool(feedback.is_error),
        }))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3]))
