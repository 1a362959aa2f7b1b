"""The drop-in under mcp 2.x servers talking MCP 2026-07-28 (no initialize; _meta on every request; resultType).

Collected only with mcp 2.x (conftest.py leaves this file out under 1.x, which has no 2026-07-28 support).
"""

import json
import os
import select
import subprocess
import sys
import time

import anyio
import pytest
from conftest import HERE
from mcp import Client, StdioServerParameters
from mcp.types import Implementation
from test_feedback_tool import SERVERS, all_fields

MODERN = "2026-07-28"
META = {
    "io.modelcontextprotocol/protocolVersion": MODERN,
    "io.modelcontextprotocol/clientInfo": {"name": "raw-wire-test", "version": "0.1"},
    "io.modelcontextprotocol/clientCapabilities": {},
}


def stdio_params(script: str, sidecar_url: str, spool) -> StdioServerParameters:
    env = {**os.environ, "FEEDBACK_SIDECAR_URL": sidecar_url, "FEEDBACK_SPOOL_PATH": str(spool)}
    return StdioServerParameters(command=sys.executable, args=[str(HERE / script)], env=env, cwd=str(HERE))


@pytest.mark.parametrize("script,server_name", SERVERS)
def test_a_client_in_auto_mode_speaks_2026_07_28_and_its_feedback_call_is_recorded(
    tmp_path, sidecar, script, server_name
):
    fields = all_fields()

    async def scenario():
        async with Client(stdio_params(script, sidecar.url, tmp_path / "spool.jsonl")) as client:
            tools = await client.list_tools()
            return client.protocol_version, [t.name for t in tools.tools], await client.call_tool("feedback", fields)

    version, tool_names, result = anyio.run(scenario)

    assert version == MODERN
    assert "feedback" in tool_names
    assert result.result_type == "complete"
    assert result.is_error is False
    assert "recorded" in result.content[0].text
    items = sidecar.list(session_id=fields["session_id"])
    assert len(items) == 1
    assert items[0]["server_name"] == server_name
    assert items[0]["what_i_needed"] == fields["what_i_needed"]
    assert items[0]["source"] == "dropin-python"


@pytest.mark.parametrize("mode,version", [("auto", MODERN), ("legacy", "2025-11-25")])
def test_a_report_through_mcpserver_names_the_client_and_the_protocol_version_of_either_era(
    tmp_path, sidecar, mode, version
):
    fields = all_fields()
    me = Implementation(name="dropin-python-test", version="2.3.0")

    async def scenario():
        params = stdio_params("example_server.py", sidecar.url, tmp_path / "spool.jsonl")
        async with Client(params, mode=mode, client_info=me) as client:
            return await client.call_tool("feedback", fields)

    result = anyio.run(scenario)

    assert result.is_error is False
    items = sidecar.list(session_id=fields["session_id"])
    assert len(items) == 1
    assert (items[0]["client_name"], items[0]["client_version"]) == ("dropin-python-test", "2.3.0")
    assert items[0]["protocol_version"] == version


@pytest.mark.parametrize("script,server_name", SERVERS)
def test_the_wire_answer_to_a_2026_07_28_feedback_call_carries_result_type_complete(
    tmp_path, dead_url, script, server_name
):
    """Raw JSON-RPC lines over stdio, so the check does not depend on what a client model fills in."""
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "server/discover", "params": {"_meta": META}},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"_meta": META, "name": "feedback", "arguments": {"what_i_needed": "a", "what_i_tried": "b"}}},
    ]
    params = stdio_params(script, dead_url, tmp_path / "spool.jsonl")

    answers = exchange(params, messages)

    discover, call = answers[1], answers[2]
    assert MODERN in discover["result"]["supportedVersions"]
    assert "tools" in discover["result"]["capabilities"]
    assert call["result"]["resultType"] == "complete"
    assert call["result"]["isError"] is True  # the sidecar is down: the report went to the spool
    assert "saved for replay" in call["result"]["content"][0]["text"]
    assert len((tmp_path / "spool.jsonl").read_text().splitlines()) == 1


def exchange(params: StdioServerParameters, messages: list[dict]) -> dict[int, dict]:
    """Writes the messages to the server's stdin and returns the answers by id, read within a deadline (the server
    stops at the end of its input, cancelling what is in flight, so stdin stays open until every answer is in)."""
    process = subprocess.Popen([params.command, *params.args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=params.env, cwd=params.cwd)
    answers: dict[int, dict] = {}
    try:
        process.stdin.write("".join(json.dumps(m) + "\n" for m in messages).encode())
        process.stdin.flush()
        deadline = time.monotonic() + 60
        while len(answers) < len(messages):
            ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            line = process.stdout.readline() if ready else b""
            if not line:
                break
            answer = json.loads(line)
            if "id" in answer:
                answers[answer["id"]] = answer
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert set(answers) == {m["id"] for m in messages}, (answers, process.stderr.read().decode(errors="replace"))
    return answers
