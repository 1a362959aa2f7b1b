"""Calls a tool that elicits, with the Python mcp 2.x client over stdio, answering the elicitation; prints one JSON line.

Usage: elicit_client.py <mode> <tool> <command...> (mode: "auto", "legacy" or a modern version to pin)
"""

import asyncio
import json
import sys

from mcp.client import Client
from mcp.client.stdio import StdioServerParameters
from mcp.types import ElicitResult, Implementation

asked = []


async def answer(context, params):
    asked.append(params.message)
    return ElicitResult(action="accept", content={"name": "Ada Lovelace", "check": True})


async def main() -> None:
    mode, tool, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    server = StdioServerParameters(command=command[0], args=command[1:])
    client_info = Implementation(name="python-elicit-client", version="2.3.0")
    async with Client(server, mode=mode, client_info=client_info, elicitation_callback=answer) as client:
        result = await client.call_tool(tool, {})
        print(json.dumps({
            "protocolVersion": client.protocol_version,
            "asked": asked,
            "result": result.model_dump(mode="json", by_alias=True, exclude_none=True),
        }))


asyncio.run(main())
