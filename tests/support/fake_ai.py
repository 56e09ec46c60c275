#!/usr/bin/python3
"""Fake OpenAI-compatible, Anthropic and Perplexity servers on one loopback port, for tests and benchmarks.

Speaks the wire contracts of shared/external-apis.md:
  POST /v1/chat/completions   OpenAI Chat Completions (Bearer key)
  POST /v1/messages           Anthropic Messages (x-api-key, anthropic-version)
  POST /chat/completions      Perplexity (OpenAI-shaped, adds citations and search_results)
Answers are made from the request: JSON that satisfies the request's JSON Schema (response_format, or the
schema quoted in the prompt), otherwise text that quotes the last user message.

Misbehaviour on demand, through control endpoints:
  POST /_fake/script   [{...}, ...] one entry per coming request, in order; an entry may set
                       status (+ code, retry_after, retry_after_ms), delay_ms, malformed, drop,
                       finish_reason ("length"), content (the answer text)
  POST /_fake/config   {"latency_ms": N}: every answer leaves N ms after its request arrived
  GET  /_fake/requests every request received: [{path, headers, body, at}]
  POST /_fake/reset    forgets script, requests and config
"""
import argparse
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"script": [], "requests": [], "latency_ms": 0}


def example(schema, name="value"):
    """A value that satisfies the subset of JSON Schema Reach uses."""
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "object":
        props = schema.get("properties", {})
        return {key: example(sub, key) for key, sub in props.items()}
    if kind == "array":
        count = max(1, min(2, schema.get("maxItems", 2)))
        return [example(schema.get("items", {}), name) for _ in range(count)]
    if kind in ("integer", "number"):
        return 1
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return "fake " + name


def schema_in_text(text):
    marker = "JSON Schema: "
    at = text.rfind(marker)
    if at < 0:
        return None
    try:
        return json.JSONDecoder().raw_decode(text[at + len(marker):])[0]
    except ValueError:
        return None


def answer_text(body, system_text):
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return json.dumps(example(fmt["json_schema"]["schema"]))
    all_text = system_text + "\n" + "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
    schema = schema_in_text(all_text)
    if schema is not None:
        return json.dumps(example(schema))
    if fmt.get("type") == "json_object":
        return json.dumps({"answer": "fake"})
    users = [m for m in body.get("messages", []) if m.get("role") == "user"]
    return "fake answer to: " + (str(users[-1]["content"])[:80] if users else "")


def message_problem(body, anthropic):
    """What the real API says about malformed messages, or None: each one an object with a known role and
    string (or content-part list) content; Anthropic takes only user and assistant turns (system apart)."""
    messages = body.get("messages") if isinstance(body, dict) else None
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty array"
    roles = ("user", "assistant") if anthropic else ("system", "developer", "user", "assistant", "tool")
    for i, m in enumerate(messages):
        if not isinstance(m, dict):
            return "Invalid type for 'messages[%d]': expected an object, but got %s instead." % (
                i, "an array" if isinstance(m, list) else type(m).__name__)
        if m.get("role") not in roles:
            return "Invalid value for 'messages[%d].role': '%s'. Supported values are: %s." % (
                i, m.get("role"), ", ".join("'%s'" % r for r in roles))
        if not isinstance(m.get("content"), (str, list)):
            return "Invalid type for 'messages[%d].content': expected a string or an array." % i
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def parse_request(self):
        self.arrived = time.monotonic()  # the request line has just been read
        return super().parse_request()

    def send_json(self, status, payload, headers=None):
        self.wfile.write(self.response_bytes(status, payload, headers))

    def response_bytes(self, status, payload, headers=None):
        """A whole HTTP response, built ahead so that sending it after the latency is one write."""
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        reason = self.responses.get(status, ("",))[0]
        head = ["HTTP/1.1 %d %s" % (status, reason), "Server: fake-ai", "Date: " + self.date_time_string(),
                "Content-Type: application/json", "Content-Length: %d" % len(data)]
        head += ["%s: %s" % kv for kv in (headers or {}).items()]
        if self.close_connection:
            head.append("Connection: close")
        return ("\r\n".join(head) + "\r\n\r\n").encode() + data

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        if self.path == "/_fake/requests":
            with LOCK:
                self.send_json(200, STATE["requests"])
            return
        self.send_json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

    def do_POST(self):
        raw = self.read_body()
        if self.path.startswith("/_fake/"):
            return self.control(raw)
        with LOCK:
            STATE["requests"].append({"path": self.path, "headers": dict(self.headers.items()),
                                      "body": raw.decode("utf-8", "replace"), "at": time.time()})
            step = STATE["script"].pop(0) if STATE["script"] else {}
            latency = STATE["latency_ms"]
        reply = None if step.get("drop") else self.response_bytes(*self.reply(raw, step))
        # Latency counts from the request's arrival, like a real server's: building the answer is part of it.
        wait = self.arrived + (step.get("delay_ms", 0) + latency) / 1000.0 - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        if reply is None:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(reply)

    def reply(self, raw, step):  # noqa: C901 (one branch per failure the real APIs have)
        """(status, payload, headers) for one API request."""
        anthropic = self.path == "/v1/messages"
        if self.path not in ("/v1/chat/completions", "/v1/messages", "/chat/completions"):
            return 404, {"error": {"message": "unknown path " + self.path, "type": "invalid_request_error"}}, None
        if not self.authorised(anthropic):
            return self.error(401, "invalid_api_key", "Incorrect API key provided.", anthropic)
        if "status" in step and step["status"] != 200:
            headers = {}
            if "retry_after" in step:
                headers["Retry-After"] = str(step["retry_after"])
            if "retry_after_ms" in step:
                headers["retry-after-ms"] = str(step["retry_after_ms"])
            return self.error(step["status"], step.get("code", "server_error"), "injected failure", anthropic, headers)
        if step.get("malformed"):
            return 200, b'{"id": "chatcmpl-broken", "choices": [', None
        try:
            body = json.loads(raw)
        except ValueError:
            return self.error(400, "invalid_json", "We could not parse the JSON body of your request.", anthropic)
        problem = message_problem(body, anthropic)
        if problem:
            return self.error(400, "invalid_request_error", problem, anthropic)
        system_text = body.get("system", "") if anthropic else ""
        text = step.get("content", answer_text(body, system_text))
        cut = step.get("finish_reason") == "length"
        if anthropic:
            return 200, {
                "id": "msg_fake", "type": "message", "role": "assistant", "model": body.get("model"),
                "content": [{"type": "text", "text": text}],
                "stop_reason": "max_tokens" if cut else "end_turn",
                "usage": {"input_tokens": len(raw) // 4, "output_tokens": len(text) // 4}}, None
        answer = {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": body.get("model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": "length" if cut else "stop"}],
            "usage": {"prompt_tokens": len(raw) // 4, "completion_tokens": len(text) // 4,
                      "total_tokens": len(raw) // 4 + len(text) // 4}}
        if self.path == "/chat/completions":
            answer["citations"] = ["https://example.com/source-1", "https://example.com/source-2"]
            answer["search_results"] = [{"title": "Source 1", "url": "https://example.com/source-1", "date": "2026-11-01"}]
        return 200, answer, {"x-ratelimit-remaining-requests": "499"}

    def authorised(self, anthropic):
        if anthropic:
            return (self.headers.get("x-api-key") == ARGS.key
                    and self.headers.get("anthropic-version") == "2023-06-01")
        return self.headers.get("Authorization") == "Bearer " + ARGS.key

    @staticmethod
    def error(status, code, message, anthropic, headers=None):
        if anthropic:
            kind = {401: "authentication_error", 429: "rate_limit_error", 529: "overloaded_error"}.get(status, "api_error")
            return status, {"type": "error", "error": {"type": kind, "message": message}}, headers
        kind = "insufficient_quota" if code == "insufficient_quota" else "server_error"
        return status, {"error": {"message": message, "type": kind, "param": None, "code": code}}, headers

    def control(self, raw):
        payload = json.loads(raw) if raw else None
        with LOCK:
            if self.path == "/_fake/script":
                STATE["script"] = list(payload)
            elif self.path == "/_fake/config":
                STATE["latency_ms"] = payload.get("latency_ms", 0)
            elif self.path == "/_fake/reset":
                STATE.update({"script": [], "requests": [], "latency_ms": 0})
        self.send_json(200, {"ok": True})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--key", default="test-key")
    ARGS = parser.parse_args()
    Server(("127.0.0.1", ARGS.port), Handler).serve_forever()
