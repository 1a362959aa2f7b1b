"""Connects mcp 2.x's Client to the sidecar's /mcp (args: url, admin key, mode auto|legacy), lists the tools, calls
list_clusters and get_cluster for a missing id, and prints what it saw as one JSON line."""

import json
import sys

import anyio
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

url, key, mode = sys.argv[1:4]


async def main() -> None:
    http = create_mcp_http_client(headers={"Authorization": f"Bearer {key}"})
    async with http, Client(streamable_http_client(url, http_client=http), mode=mode) as client:
        tools = await client.list_tools()
        clusters = await client.call_tool("list_clusters", {})
        missing = await client.call_tool("get_cluster", {"cluster_id": "nope"})
        print(json.dumps({
            "version": client.protocol_version,
            "server": client.server_info.name if client.server_info else None,
            "tools": sorted(tool.name for tool in tools.tools),
            "clusters": clusters.content[0].text,
            "missingIsError": missing.is_error is True,
            "missingText": missing.content[0].text,
        }))


anyio.run(main)
