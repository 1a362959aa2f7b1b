"""Retries on 429 and 5xx against a scripted loopback server: count, Retry-After, one key, spool and replay."""

import json
import uuid

import pytest
from conftest import replay

import feedback_tool

ARGUMENTS = {"what_i_needed": "Export invoices as CSV", "what_i_tried": "list_invoices", "gap_type": "missing_tool"}


@pytest.fixture
def waits(monkeypatch):
    """The waits between attempts, recorded instead of slept (so no test depends on the clock)."""
    recorded: list[float] = []
    monkeypatch.setattr(feedback_tool, "_sleep", recorded.append)
    return recorded


def keys_of(fake) -> set[str]:
    return {headers["Idempotency-Key"] for headers, _ in fake.requests} | {
        body["idempotency_key"] for _, body in fake.requests
    }


def text_of(result) -> str:
    return result.model_dump(by_alias=True)["content"][0]["text"]


def test_retries_429_then_503_and_succeeds_on_the_third_attempt_under_one_key(tmp_path, fake_sidecar, waits):
    fake = fake_sidecar((429, {"Retry-After": "2"}), (503, {}), (201, {}))
    spool = tmp_path / "spool.jsonl"

    result = feedback_tool.send_feedback_sync(ARGUMENTS, "retry", sidecar_url=fake.url, spool_path=str(spool))

    assert result.model_dump(by_alias=True)["isError"] is False
    assert text_of(result).startswith("Thank you.")
    assert len(fake.requests) == 3
    assert len(keys_of(fake)) == 1
    assert waits == [2.0, 1.0]
    assert not spool.exists()


def test_a_long_retry_after_is_capped_and_a_date_falls_back_to_the_backoff(tmp_path, fake_sidecar, waits):
    fake = fake_sidecar(
        (429, {"Retry-After": "3600"}), (503, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}), (201, {})
    )

    result = feedback_tool.send_feedback_sync(ARGUMENTS, "retry", sidecar_url=fake.url, spool_path=str(tmp_path / "s"))

    assert result.model_dump(by_alias=True)["isError"] is False
    assert waits == [feedback_tool.MAX_RETRY_AFTER_S, feedback_tool.BACKOFF_S[1]]


def test_a_rejected_report_is_neither_retried_nor_spooled(tmp_path, fake_sidecar, waits):
    fake = fake_sidecar((422, {}), (201, {}))
    spool = tmp_path / "spool.jsonl"

    result = feedback_tool.send_feedback_sync(ARGUMENTS, "retry", sidecar_url=fake.url, spool_path=str(spool))

    assert result.model_dump(by_alias=True)["isError"] is True
    assert "rejected" in text_of(result) and "scripted_422" in text_of(result)
    assert len(fake.requests) == 1 and waits == []
    assert not spool.exists()


def test_still_failing_after_three_attempts_is_spooled_once_and_replayed_once(tmp_path, fake_sidecar, waits, sidecar):
    fake = fake_sidecar((429, {"Retry-After": "1"}), (503, {}), (503, {}), (201, {}))
    spool = tmp_path / "spool.jsonl"
    arguments = {**ARGUMENTS, "session_id": f"sess-python-retry-{uuid.uuid4()}"}

    result = feedback_tool.send_feedback_sync(arguments, "retry", sidecar_url=fake.url, spool_path=str(spool))

    assert result.model_dump(by_alias=True)["isError"] is True
    assert "saved for replay" in text_of(result) and "503" in text_of(result)
    assert len(fake.requests) == 3 and waits == [1.0, 1.0]
    lines = spool.read_text().splitlines()
    assert len(lines) == 1
    assert {json.loads(lines[0])["idempotency_key"]} == keys_of(fake)
    first = replay(spool, sidecar.url)
    spool.write_text(lines[0] + "\n")
    second = replay(spool, sidecar.url)
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert spool.read_text() == ""
    assert len(sidecar.list(session_id=arguments["session_id"])) == 1


def test_an_answer_that_closes_the_connection_is_read_and_counts(tmp_path, fake_sidecar, waits):
    # The fake answers HTTP/1.0, so http.client drops the connection's socket once the status line is read; the
    # drop-in used to touch that socket afterwards and fail with AttributeError (neither delivered nor spooled).
    fake = fake_sidecar((201, {"Connection": "close"}))
    spool = tmp_path / "spool.jsonl"

    result = feedback_tool.send_feedback_sync(ARGUMENTS, "retry", sidecar_url=fake.url, spool_path=str(spool))

    assert result.model_dump(by_alias=True)["isError"] is False
    assert len(fake.requests) == 1 and waits == []
    assert not spool.exists()
