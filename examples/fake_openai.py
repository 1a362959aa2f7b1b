"""A stand-in for the OpenAI Chat Completions API on loopback, for the demo's drafting step in examples/suite.sh.

Answers every POST with one structured-output reply in the sidecar's draft schema (a new file for the missing
tool) and prints the port it listens on; nothing leaves the machine.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

ANSWER = {
    "edits": [{
        "action": "create",
        "path": "src/main/java/dev/patchworkmcp/examples/ContextSearch.java",
        "content": "package dev.patchworkmcp.examples;\n\n/** search_costs_by_context, drafted by a fake model. */\n"
                   "final class ContextSearch {}\n",
        "old_text": "",
        "new_text": "",
    }],
    "commit_message": "Add search_costs_by_context",
    "pr_title": "Add a search_costs_by_context tool",
    "pr_body": "Agents asked to find cost events by run_id.",
    "confidence": 0.8,
    "rationale": "The report asks for a context search tool.",
}


class FakeOpenAi(BaseHTTPRequestHandler):
    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        reply = {
            "id": "chatcmpl-demo", "object": "chat.completion", "created": 0, "model": request.get("model"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": json.dumps(ANSWER)}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }
        body = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        sys.stderr.write("fake openai: POST %s\n" % self.path)

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), FakeOpenAi)
print(server.server_address[1], flush=True)
server.serve_forever()
