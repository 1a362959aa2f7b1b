"""HTTP benchmark client of both protocol eras: the Python `mcp` 2.x Client against argv[1] in mode argv[2]
("auto": MCP 2026-07-28, stateless; "legacy": 2025-11-25 with a session), with a client name of its own (argv[5],
so a new proxy lane each run). Times connect plus the first `add` call (for a new lane of the proxy this includes
starting its upstream child), then `add` round trips; prints one JSON line in milliseconds."""
import asyncio
import json
import sys
import time

from mcp import Client
from mcp.types import Implementation


async def main(url: str, mode: str, calls: int, warmup: int, name: str) -> None:
    start = time.perf_counter()
    async with Client(url, mode=mode, client_info=Implementation(name=name, version="1.0")) as client:
        await client.call_tool("add", {"a": 1, "b": 2})
        first = (time.perf_counter() - start) * 1000
        samples = []
        for i in range(warmup + calls):
            t0 = time.perf_counter()
            await client.call_tool("add", {"a": i, "b": 1})
            if i >= warmup:
                samples.append((time.perf_counter() - t0) * 1000)
        samples.sort()
        pct = lambda p: samples[min(len(samples) - 1, int(p / 100 * len(samples)))]
        print(json.dumps({"mode": mode, "version": client.protocol_version, "first": first,
                          "p50": pct(50), "p95": pct(95), "calls": calls}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]))
