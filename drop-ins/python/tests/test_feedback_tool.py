"""The drop-in against the real SDK (server and client over stdio) and a real sidecar."""

import json
import uuid

import anyio
import pytest
from conftest import CONTRACT, mcp_session, replay

import feedback_tool

SERVERS = [("example_server.py", "python-example"), ("example_lowlevel_server.py", "python-lowlevel")]
ALL_FIELDS = {
    "what_i_needed": "Export invoices as CSV",
    "what_i_tried": "list_invoices then get_invoice per id",
    "gap_type": "wrong_format",
    "suggestion": "export_invoices(month, format)",
    "user_goal": "Send invoices to the accountant",
    "resolution": "worked_around",
    "tools_available": ["echo", "list_invoices"],
    "agent_model": "claude-sonnet-4-5",
    "session_id": "sess-python-1",
    "client_type": "claude-code",
}


def all_fields() -> dict:
    """Every field, with a session id unique to the test so that a shared sidecar can be queried."""
    return {**ALL_FIELDS, "session_id": f"sess-python-{uuid.uuid4()}"}


def run(coroutine_function, *args):
    return anyio.run(coroutine_function, *args)


def test_embedded_definition_equals_the_contract():
    assert feedback_tool.TOOL_NAME == CONTRACT["name"]
    assert feedback_tool.TOOL_TITLE == CONTRACT["title"]
    assert feedback_tool.TOOL_DESCRIPTION == CONTRACT["description"]
    assert feedback_tool.TOOL_INPUT_SCHEMA == CONTRACT["inputSchema"]


def test_report_sends_an_empty_tool_list_as_an_array_and_defaults_gap_type():
    report = feedback_tool.build_report({"what_i_needed": "x", "what_i_tried": "y"}, "srv")

    assert report["tools_available"] == []
    assert report["gap_type"] == "other"
    assert report["source"] == "dropin-python"
    assert report["idempotency_key"]


@pytest.mark.parametrize("script,server_name", SERVERS)
def test_lists_the_feedback_tool_with_the_contract_schema(tmp_path, dead_url, script, server_name):
    async def scenario():
        async with mcp_session(script, dead_url, tmp_path / "spool.jsonl") as session:
            return (await session.list_tools()).tools

    tools = run(scenario)

    tool = next(t for t in tools if t.name == "feedback").model_dump(by_alias=True, exclude_none=True)
    assert tool["inputSchema"] == CONTRACT["inputSchema"]
    assert tool["description"] == CONTRACT["description"]
    assert tool["title"] == CONTRACT["title"]


@pytest.mark.parametrize("script,server_name", SERVERS)
def test_stores_every_field_of_a_report(tmp_path, sidecar, script, server_name):
    fields = all_fields()

    async def scenario():
        async with mcp_session(script, sidecar.url + "/", tmp_path / "spool.jsonl") as session:
            return await session.call_tool("feedback", fields)

    result = run(scenario)

    assert not result.model_dump(by_alias=True).get("isError")
    items = sidecar.list(session_id=fields["session_id"])
    assert len(items) == 1
    assert items[0]["server_name"] == server_name
    for field, value in fields.items():
        assert items[0][field] == value, field
    assert items[0]["source"] == "dropin-python"
    assert items[0]["user_agent"] == "PatchworkMCP-Python/2.0"


def test_spools_when_the_sidecar_is_down_and_replay_delivers_it_once(tmp_path, dead_url, sidecar):
    spool = tmp_path / "spool.jsonl"
    fields = all_fields()

    async def scenario():
        async with mcp_session("example_server.py", dead_url, spool) as session:
            return await session.call_tool("feedback", fields)

    result = run(scenario).model_dump(by_alias=True)

    assert result["isError"] is True
    assert "saved for replay" in result["content"][0]["text"]
    lines = spool.read_text().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["idempotency_key"]
    first = replay(spool, sidecar.url)
    spool.write_text(lines[0] + "\n")
    second = replay(spool, sidecar.url)
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert spool.read_text() == ""
    assert len(sidecar.list(session_id=fields["session_id"])) == 1


def test_per_call_key_is_sent_and_a_wrong_key_is_spooled_without_echoing_it(tmp_path):
    from conftest import Sidecar

    keyed = Sidecar(tmp_path, {"FEEDBACK_API_KEY": "ingest-secret"})
    spool = tmp_path / "spool.jsonl"
    try:
        ok = feedback_tool.send_feedback_sync(
            ALL_FIELDS, "python-keyed", sidecar_url=keyed.url + "/", api_key="ingest-secret", spool_path=str(spool)
        )
        refused = feedback_tool.send_feedback_sync(
            ALL_FIELDS, "python-keyed", sidecar_url=keyed.url, api_key="not-the-key-4711", spool_path=str(spool)
        )
    finally:
        keyed.stop()

    assert ok.model_dump(by_alias=True)["isError"] is False
    refused_text = refused.model_dump(by_alias=True)["content"][0]["text"]
    assert "401" in refused_text and "4711" not in refused_text
    assert len(spool.read_text().splitlines()) == 1
