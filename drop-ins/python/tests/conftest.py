"""Fixtures: a real sidecar (the built jar) and a real MCP client over stdio to an example server."""

import http.server
import importlib.metadata
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

HERE = Path(__file__).resolve().parent.parent
ROOT = Path(os.environ.get("PATCHWORK_ROOT", HERE.parent.parent))
CONTRACT = json.loads((ROOT / "drop-ins/contract/feedback-tool.schema.json").read_text())
# MCP 2026-07-28 (server/discover, no initialize) exists from mcp 2.x on; 1.x runs the other files only.
collect_ignore = ["test_modern_era.py"] if importlib.metadata.version("mcp").startswith("1.") else []


class Sidecar:
    def __init__(self, work: Path, env: dict[str, str] | None = None):
        jar = ROOT / "sidecar/target/patchwork-sidecar.jar"
        java = Path(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")) / "bin/java"
        self.log = work / "sidecar.log"
        environment = {**os.environ, "FEEDBACK_HOST": "127.0.0.1", "FEEDBACK_PORT": "0",
                       "FEEDBACK_DB_PATH": str(work / "feedback.db"), **(env or {})}
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen([str(java), "-jar", str(jar)], env=environment,
                                            stdout=subprocess.DEVNULL, stderr=log)
        deadline = time.monotonic() + 60
        while True:
            match = re.search(r"listening on (http://[0-9.:]+)", self.log.read_text(errors="replace"))
            if match:
                self.url = match.group(1)
                return
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the sidecar did not start: " + self.log.read_text(errors="replace"))
            time.sleep(0.1)

    def list(self, **filters) -> list[dict]:
        query = "&".join(f"{k}={v}" for k, v in filters.items())
        with urllib.request.urlopen(f"{self.url}/api/feedback?{query}", timeout=10) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class SharedSidecar(Sidecar):
    """The one suite.sh started with start_test_sidecar (scripts/lib/test-sidecar.sh)."""

    def __init__(self, url: str):
        self.url = url.rstrip("/")

    def stop(self) -> None:
        pass


@pytest.fixture(scope="session")
def sidecar(tmp_path_factory):
    if os.environ.get("SIDECAR_URL"):
        yield SharedSidecar(os.environ["SIDECAR_URL"])
        return
    running = Sidecar(tmp_path_factory.mktemp("sidecar"))
    yield running
    running.stop()


@pytest.fixture
def dead_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@asynccontextmanager
async def mcp_session(script: str, sidecar_url: str, spool: Path, **extra_env):
    env = {**os.environ, "FEEDBACK_SIDECAR_URL": sidecar_url, "FEEDBACK_SPOOL_PATH": str(spool), **extra_env}
    params = StdioServerParameters(command=sys.executable, args=[str(HERE / script)], env=env, cwd=str(HERE))
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            yield session


def replay(spool: Path, sidecar_url: str) -> subprocess.CompletedProcess:
    java = Path(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")) / "bin/java"
    return subprocess.run(
        [str(java), "-cp", str(ROOT / "proxy/target/patchwork-proxy.jar"),
         "dev.patchworkmcp.proxy.replay.ReplayCommand", str(spool)],
        env={**os.environ, "FEEDBACK_SIDECAR_URL": sidecar_url}, capture_output=True, text=True, timeout=60)


class FakeSidecar:
    """A loopback HTTP server that answers POST /api/feedback from a script of (status, headers) pairs and
    records every request it received (headers and JSON body)."""

    def __init__(self, answers: list[tuple[int, dict[str, str]]]):
        self.answers = list(answers)
        self.requests: list[tuple[dict[str, str], dict]] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                fake.requests.append((dict(self.headers.items()), json.loads(body)))
                status, headers = fake.answers.pop(0) if fake.answers else (500, {})
                answer = json.dumps({"id": "fake-id", "status": "recorded"} if status < 300 else
                                    {"detail": "scripted answer", "code": f"scripted_{status}", "field": None})
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer.encode())

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_sidecar():
    started: list[FakeSidecar] = []

    def start(*answers: tuple[int, dict[str, str]]) -> FakeSidecar:
        started.append(FakeSidecar(list(answers)))
        return started[-1]

    yield start
    for fake in started:
        fake.stop()
