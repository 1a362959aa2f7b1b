"""PatchworkMCP feedback tool for Python MCP servers (the official ``mcp`` SDK, 1.x and 2.x).

Copy this one file into your server. With FastMCP (mcp 1.x) or MCPServer (mcp 2.x)::

    from feedback_tool import register_feedback_tool
    register_feedback_tool(server, "my-server")

With the low-level server, list ``get_tool_definition()`` and answer calls to it with
``await send_feedback(arguments, "my-server")`` (a ready ``CallToolResult``).

When an agent hits a wall it calls ``feedback``; the report is posted to the PatchworkMCP sidecar
(``FEEDBACK_SIDECAR_URL``, default http://127.0.0.1:8099; ``FEEDBACK_API_KEY``) with up to three
attempts under one idempotency key (waiting 0.5 s then 1 s, or the sidecar's ``Retry-After`` up to
5 s). When the sidecar cannot take it, the report is appended to a
spool file (``FEEDBACK_SPOOL_PATH``, default ./patchwork-feedback-spool.jsonl) for
``patchwork replay``, and the tool answers with ``isError: true``. The payload is never logged.
Uses only the standard library besides the SDK. The schema below equals
drop-ins/contract/feedback-tool.schema.json (a test checks it).
"""

from __future__ import annotations

import copy
import http.client
import json
import logging
import os
import threading
import time
import uuid
from typing import Any
from urllib.parse import urlsplit

import anyio
from mcp import types

try:  # the context a FastMCP / MCPServer tool receives: who is calling, in which protocol version
    from mcp.server.mcpserver import Context as _ToolContext  # mcp 2.x
except ImportError:  # mcp 1.x
    from mcp.server.fastmcp import Context as _ToolContext

__all__ = [
    "TOOL_NAME",
    "TOOL_TITLE",
    "TOOL_DESCRIPTION",
    "TOOL_INPUT_SCHEMA",
    "GAP_TYPES",
    "RESOLUTIONS",
    "register_feedback_tool",
    "get_tool_definition",
    "send_feedback",
    "send_feedback_sync",
]

TOOL_NAME = "feedback"
TOOL_TITLE = "Report a capability gap"
TOOL_DESCRIPTION = (
    "REQUIRED: call this tool BEFORE you answer the user whenever this server could not fully do what was"
    " needed. Call it when: (1) no tool here does what you needed; (2) a tool returned incomplete, "
    "unexpected or wrongly shaped results; (3) you are about to tell the user something is impossible or "
    "unavailable; (4) you had to approximate, guess or work around a limitation. Be specific: name the "
    "exact tool, parameter or data you needed, what you tried (tool names and what they returned), and "
    "what would have worked. Your report goes to the server's developers and is used to add the missing "
    "capability. It does not change your current task; after calling it, continue helping the user."
)
TOOL_INPUT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "what_i_needed": {
            "type": "string",
            "description": "The capability, data or tool you were looking for. Be specific about the action, e.g. 'search cost events by a context field such as run_id'.",
            "minLength": 1,
            "maxLength": 10000
        },
        "what_i_tried": {
            "type": "string",
            "description": "The tools or approaches you tried first, with tool names and what each returned.",
            "minLength": 1,
            "maxLength": 10000
        },
        "gap_type": {
            "type": "string",
            "enum": [
                "missing_tool",
                "incomplete_results",
                "missing_parameter",
                "wrong_format",
                "other"
            ],
            "description": "missing_tool: no tool does this. incomplete_results: a tool ran but returned too little. missing_parameter: a tool exists but lacks a needed parameter or filter. wrong_format: results came back in an unusable shape. other: anything else."
        },
        "suggestion": {
            "type": "string",
            "description": "What would have helped: the tool, parameter or change you would add, with its inputs and outputs.",
            "maxLength": 10000
        },
        "user_goal": {
            "type": "string",
            "description": "The user's original request that led to this gap.",
            "maxLength": 10000
        },
        "resolution": {
            "type": "string",
            "enum": [
                "blocked",
                "worked_around",
                "partial"
            ],
            "description": "blocked: you could not do it at all. worked_around: you got there another way. partial: you did only part of it."
        },
        "tools_available": {
            "type": "array",
            "items": {
                "type": "string",
                "maxLength": 200
            },
            "description": "Names of the tools on this server that you considered or tried.",
            "maxItems": 500
        },
        "agent_model": {
            "type": "string",
            "description": "Your model id, if you know it (e.g. claude-sonnet-4-5).",
            "maxLength": 200
        },
        "session_id": {
            "type": "string",
            "description": "The conversation or session id, if you have one.",
            "maxLength": 200
        },
        "client_type": {
            "type": "string",
            "description": "The MCP client you are running in, if known (e.g. claude-desktop, claude-code, cursor, vscode).",
            "maxLength": 200
        }
    },
    "required": [
        "what_i_needed",
        "what_i_tried",
        "gap_type"
    ]
}
GAP_TYPES = tuple(TOOL_INPUT_SCHEMA["properties"]["gap_type"]["enum"])
RESOLUTIONS = tuple(TOOL_INPUT_SCHEMA["properties"]["resolution"]["enum"])

DEFAULT_SIDECAR_URL = "http://127.0.0.1:8099"
DEFAULT_SPOOL_PATH = "patchwork-feedback-spool.jsonl"
USER_AGENT = "PatchworkMCP-Python/2.0"
SOURCE = "dropin-python"
CONNECT_TIMEOUT_S = 2.0
TOTAL_TIMEOUT_S = 5.0
BACKOFF_S = (0.5, 1.0)
MAX_RETRY_AFTER_S = 5.0

_STRING_FIELDS = (
    "what_i_needed",
    "what_i_tried",
    "gap_type",
    "suggestion",
    "user_goal",
    "resolution",
    "agent_model",
    "session_id",
    "client_type",
)
_THANKS = "Thank you. Your feedback has been recorded and will be used to improve this server's capabilities."
_log = logging.getLogger("patchworkmcp")
_spool_lock = threading.Lock()
# How the drop-in waits between attempts; tests replace it to record the waits instead of sleeping.
_sleep = time.sleep


def get_tool_definition() -> types.Tool:
    """The feedback tool as ``mcp.types.Tool``, for ``list_tools`` of the low-level server."""
    return types.Tool.model_validate(
        {
            "name": TOOL_NAME,
            "title": TOOL_TITLE,
            "description": TOOL_DESCRIPTION,
            "inputSchema": copy.deepcopy(TOOL_INPUT_SCHEMA),
        }
    )


def register_feedback_tool(
    server: Any,
    server_name: str,
    *,
    sidecar_url: str | None = None,
    api_key: str | None = None,
    spool_path: str | None = None,
) -> None:
    """Adds the ``feedback`` tool to a FastMCP (mcp 1.x) or MCPServer (mcp 2.x) server.

    The tool is listed with the contract's full schema (enums, descriptions, required), not the
    weaker one the SDK would derive from a Python signature.
    """

    async def feedback(
        what_i_needed: str,
        what_i_tried: str,
        gap_type: str = "other",
        suggestion: str | None = None,
        user_goal: str | None = None,
        resolution: str | None = None,
        tools_available: list[str] | str | None = None,
        agent_model: str | None = None,
        session_id: str | None = None,
        client_type: str | None = None,
        *,
        ctx: _ToolContext,
    ) -> types.CallToolResult:
        arguments = {k: v for k, v in locals().items() if v is not None and k != "ctx"}
        return await send_feedback(
            arguments, server_name, sidecar_url=sidecar_url, api_key=api_key, spool_path=spool_path, **_caller(ctx)
        )

    server.add_tool(feedback, name=TOOL_NAME, title=TOOL_TITLE, description=TOOL_DESCRIPTION)
    manager = getattr(server, "_tool_manager", None)
    tool = manager.get_tool(TOOL_NAME) if manager is not None else None
    if tool is None or not hasattr(tool, "parameters"):
        raise TypeError(
            "register_feedback_tool expects a FastMCP (mcp 1.x) or MCPServer (mcp 2.x) server; for the"
            " low-level Server list get_tool_definition() and answer calls with send_feedback()."
        )
    tool.parameters = copy.deepcopy(TOOL_INPUT_SCHEMA)


def _caller(ctx: Any) -> dict[str, str | None]:
    """The client's name and version and the protocol version: under MCP 2026-07-28 (mcp 2.x) from the request's
    ``_meta``, under the initialize handshake from what the client said then. Empty when the SDK has neither."""
    try:
        request = ctx.request_context
        meta = request.meta if isinstance(request.meta, dict) else {}
        info = meta.get("io.modelcontextprotocol/clientInfo")
        if info is None and request.session.client_params is not None:
            params = request.session.client_params
            info = getattr(params, "client_info", None) or getattr(params, "clientInfo", None)
        if hasattr(info, "model_dump"):
            info = info.model_dump()
        info = info if isinstance(info, dict) else {}
        return {
            "client_name": info.get("name"),
            "client_version": info.get("version"),
            "protocol_version": getattr(request, "protocol_version", None),
        }
    except (AttributeError, LookupError, ValueError):
        return {}


async def send_feedback(
    arguments: dict[str, Any] | None,
    server_name: str = "unknown",
    *,
    sidecar_url: str | None = None,
    api_key: str | None = None,
    spool_path: str | None = None,
    client_name: str | None = None,
    client_version: str | None = None,
    protocol_version: str | None = None,
) -> types.CallToolResult:
    """Sends one report (the tool's arguments) to the sidecar without blocking the event loop."""
    return await anyio.to_thread.run_sync(
        lambda: send_feedback_sync(
            arguments,
            server_name,
            sidecar_url=sidecar_url,
            api_key=api_key,
            spool_path=spool_path,
            client_name=client_name,
            client_version=client_version,
            protocol_version=protocol_version,
        )
    )


def send_feedback_sync(
    arguments: dict[str, Any] | None,
    server_name: str = "unknown",
    *,
    sidecar_url: str | None = None,
    api_key: str | None = None,
    spool_path: str | None = None,
    client_name: str | None = None,
    client_version: str | None = None,
    protocol_version: str | None = None,
) -> types.CallToolResult:
    """Blocking variant of :func:`send_feedback` (for threads, Django views, scripts)."""
    report = build_report(
        arguments,
        server_name,
        client_name=client_name,
        client_version=client_version,
        protocol_version=protocol_version,
    )
    url = (sidecar_url or os.environ.get("FEEDBACK_SIDECAR_URL") or DEFAULT_SIDECAR_URL).strip().rstrip("/")
    key = (os.environ.get("FEEDBACK_API_KEY", "") if api_key is None else api_key).strip()
    delivered, status, reason = _deliver(url + "/api/feedback", key, report)
    if delivered:
        return _result(_THANKS, is_error=False)
    _log.warning("PatchworkMCP feedback not delivered: %s", reason)
    if status in (400, 413, 422):
        return _result(
            f"Feedback was rejected by the PatchworkMCP sidecar ({reason}). Fix the arguments and call"
            " feedback again.",
            is_error=True,
        )
    path = os.path.abspath(spool_path or os.environ.get("FEEDBACK_SPOOL_PATH") or DEFAULT_SPOOL_PATH)
    try:
        _spool(path, report)
    except OSError as error:
        return _result(
            f"Feedback could not be delivered ({reason}) and could not be saved for replay"
            f" ({type(error).__name__} on {path}). Continue helping the user.",
            is_error=True,
        )
    return _result(
        f"Feedback could not be delivered yet ({reason}). It was saved for replay in {path} and will be"
        " sent with `patchwork replay`. You do not need to call feedback again; continue helping the user.",
        is_error=True,
    )


def build_report(
    arguments: dict[str, Any] | None,
    server_name: str,
    *,
    client_name: str | None = None,
    client_version: str | None = None,
    protocol_version: str | None = None,
) -> dict[str, Any]:
    """The sidecar body: the known fields, ``tools_available`` as a list, source and a fresh key."""
    args = arguments or {}
    report: dict[str, Any] = {"server_name": server_name or "unknown"}
    for field in _STRING_FIELDS:
        if args.get(field) is not None:
            report[field] = args[field]
    if not isinstance(report.get("gap_type"), str) or not report["gap_type"].strip():
        report["gap_type"] = "other"
    report["tools_available"] = _tool_names(args.get("tools_available"))
    if client_name:
        report["client_name"] = client_name
    if client_version:
        report["client_version"] = client_version
    if protocol_version:
        report["protocol_version"] = protocol_version
    report["source"] = SOURCE
    report["idempotency_key"] = str(uuid.uuid4())
    return report


def _tool_names(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str) and value.strip():
        try:
            parsed = json.loads(value)
            if isinstance(parsed, list):
                return parsed
        except ValueError:
            pass
        return [name.strip() for name in value.split(",") if name.strip()]
    return []


def _deliver(endpoint: str, api_key: str, report: dict[str, Any]) -> tuple[bool, int | None, str]:
    """Up to three attempts, one idempotency key; retries on 429, 5xx and network errors."""
    body = json.dumps(report, ensure_ascii=False).encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Idempotency-Key": report["idempotency_key"],
    }
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    status: int | None = None
    reason = "not attempted"
    retry_after: str | None = None
    for attempt in range(len(BACKOFF_S) + 1):
        if attempt:
            _sleep(retry_delay(attempt, retry_after))
        retry_after = None
        try:
            status, answer, retry_after = _post(endpoint, headers, body)
        except (OSError, http.client.HTTPException, ValueError) as error:
            status, reason = None, f"the sidecar at {endpoint} is unreachable ({type(error).__name__})"
            continue
        if 200 <= status < 300:
            return True, status, f"HTTP {status}"
        reason = f"the sidecar answered HTTP {status}{_error_summary(answer)}"
        if status != 429 and status < 500:
            break
    return False, status, reason


def retry_delay(attempt: int, retry_after: str | None) -> float:
    """Seconds to wait before attempt ``attempt`` (1 or 2): the answer's ``Retry-After`` in whole seconds,
    capped at ``MAX_RETRY_AFTER_S``, or else the backoff step."""
    value = (retry_after or "").strip()
    if value.isascii() and value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    return BACKOFF_S[attempt - 1]


def _post(endpoint: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, str | None]:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"FEEDBACK_SIDECAR_URL must be an http(s) URL, got {endpoint!r}")
    connection_type = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(parts.hostname, parts.port, timeout=CONNECT_TIMEOUT_S)
    started = time.monotonic()
    try:
        connection.connect()
        connection.sock.settimeout(TOTAL_TIMEOUT_S)
        path = parts.path + ("?" + parts.query if parts.query else "")
        connection.request("POST", path, body=body, headers=headers)
        # Before getresponse(): it drops connection.sock when the answer closes the connection (HTTP/1.0,
        # "Connection: close"); the response reads through the same socket, so the timeout still applies.
        connection.sock.settimeout(max(0.1, TOTAL_TIMEOUT_S - (time.monotonic() - started)))
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("Retry-After")
    finally:
        connection.close()


def _error_summary(answer: bytes) -> str:
    try:
        error = json.loads(answer)
    except ValueError:
        return ""
    if not isinstance(error, dict) or not error.get("code"):
        return ""
    detail = f": {error['detail']}" if error.get("detail") else ""
    return f" ({error['code']}{detail})"


def _spool(path: str, report: dict[str, Any]) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    line = (json.dumps(report, ensure_ascii=False) + "\n").encode("utf-8")
    with _spool_lock:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(descriptor, line)
        finally:
            os.close(descriptor)


def _result(text: str, *, is_error: bool) -> types.CallToolResult:
    return types.CallToolResult.model_validate(
        {"content": [{"type": "text", "text": text}], "isError": is_error}
    )
