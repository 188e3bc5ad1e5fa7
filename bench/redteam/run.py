"""Red-team probe runner: black-box scoring of a Steward source tree on adversarial probes.

Starts a mock OpenAI-compatible provider (logs every request body; answers with the text the current
probe asks for, streamed or not) and `steward serve` from each given tree, sends every probe in
bench/redteam/probes.jsonl and scores what reached the provider / the caller:

  must_not_reach  expect.values: none may reach the provider (raw, URL-/base64-decoded, NFKC,
                  invisible characters and separators removed, look-alike letters folded, case-folded)
  must_survive    expect.words: every word reaches the provider unchanged (whole word, same case)
  block           expect.status >= 400
  pass            expect.status < 400 (decision-support / aggregate look-alikes)
  output_block    expect.reply: the caller must NOT get this text (the mock answers with it)
  output_pass     expect.reply: the caller must get this text

    python bench/redteam/run.py --tree /work/wt/integ --tree /work/main [--out summary.json]

The summary holds rates and probe ids only, never probe values.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import os
import re
import socket
import subprocess
import tempfile
import threading
import time
import unicodedata
import urllib.parse
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
KEY_USE_CASES = {"redact": "rt-redact", "block": "rt-block"}

CONFIG = """
version: 1
gateway:
  audit: {{url: "sqlite+aiosqlite:///steward.db"}}
tools:
  - {{id: rt-mock, provider: openai_compatible, base_url: "http://127.0.0.1:{mock}/v1",
     models: [gpt-4o-mini, text-embedding-3-small, gpt-3.5-turbo-instruct],
     category: internal, region: uk, classification_ceiling: TOP SECRET}}
roles:
  staff: {{tools: [rt-mock]}}
default_use_case: rt-redact
use_cases:
  - id: rt-redact
    owner: red team
    purpose: measure leaks and over-redaction (personal data, secrets and special category redacted)
    tools: [rt-mock]
    allowed_roles: [staff]
    dpia: {{reference: RT-1, approved_on: {today}}}
    review_by: 2099-01-01
    data_handling: {{personal_data: redact, secrets: redact, special_category: redact, security_marking: allow}}
  - id: rt-block
    owner: red team
    purpose: measure prohibited-use, special-category and output blocking (default prohibited-use rules)
    tools: [rt-mock]
    allowed_roles: [staff]
    dpia: {{reference: RT-2, approved_on: {today}}}
    review_by: 2099-01-01
    data_handling: {{personal_data: redact, secrets: redact, special_category: block, security_marking: allow}}
"""


# ---------------------------------------------------------------- mock provider

class Mock:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.bodies: list[str] = []
        self.reply = "Thank you, here is a short draft."
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def take(self) -> list[str]:
        with self.lock:
            out, self.bodies = self.bodies, []
        return out

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        mock = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:
                self._send(200, {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model"}]})

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                text = raw.decode("utf-8", "replace")
                with mock.lock:
                    mock.bodies.append(text)
                try:
                    body = json.loads(text or "{}")
                except json.JSONDecodeError:
                    body = {}
                stream = bool(isinstance(body, dict) and body.get("stream"))
                if self.path.endswith("/embeddings"):
                    self._send(200, {"object": "list", "model": "text-embedding-3-small",
                                     "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2]}],
                                     "usage": {"prompt_tokens": 3, "total_tokens": 3}})
                elif self.path.endswith("/responses"):
                    self._responses(stream)
                elif self.path.endswith("/completions") and not self.path.endswith("chat/completions"):
                    self._send(200, {"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "m",
                                     "choices": [{"index": 0, "text": mock.reply, "finish_reason": "stop"}],
                                     "usage": {"prompt_tokens": 3, "completion_tokens": 3, "total_tokens": 6}})
                elif stream:
                    self._chat_stream()
                else:
                    self._send(200, {"id": "chatcmpl-1", "object": "chat.completion", "created": 1,
                                     "model": "gpt-4o-mini",
                                     "choices": [{"index": 0, "finish_reason": "stop",
                                                  "message": {"role": "assistant", "content": mock.reply}}],
                                     "usage": {"prompt_tokens": 3, "completion_tokens": 3, "total_tokens": 6}})

            def _send(self, status: int, obj: object) -> None:
                data = json.dumps(obj).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _sse(self, events: list[str]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for ev in events:
                    self.wfile.write(ev.encode())
                    self.wfile.flush()

            def _chat_stream(self) -> None:
                words = re.findall(r"\S+\s*", mock.reply)
                base = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-mini"}
                evs = [f"data: {json.dumps({**base, 'choices': [{'index': 0, 'delta': {'role': 'assistant', 'content': w}, 'finish_reason': None}]})}\n\n"  # noqa: E501
                       for w in words]
                evs.append(f"data: {json.dumps({**base, 'choices': [{'index': 0, 'delta': {}, 'finish_reason': 'stop'}]})}\n\n")  # noqa: E501
                evs.append("data: [DONE]\n\n")
                self._sse(evs)

            def _responses(self, stream: bool) -> None:
                msg = {"type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
                       "content": [{"type": "output_text", "text": mock.reply, "annotations": []}]}
                resp = {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed",
                        "model": "gpt-4o-mini", "output": [msg],
                        "usage": {"input_tokens": 3, "output_tokens": 3, "total_tokens": 6}}
                if not stream:
                    self._send(200, resp)
                    return
                evs = []
                for w in re.findall(r"\S+\s*", mock.reply):
                    d = {"type": "response.output_text.delta", "item_id": "msg_1", "output_index": 0,
                         "content_index": 0, "delta": w}
                    evs.append(f"event: response.output_text.delta\ndata: {json.dumps(d)}\n\n")
                evs.append(f"event: response.completed\ndata: {json.dumps({'type': 'response.completed', 'response': resp})}\n\n")  # noqa: E501
                self._sse(evs)

        return Handler


# ---------------------------------------------------------------- normalisation for scoring

LOOKALIKE = str.maketrans("аеорсухіјѕԁӏАВЕКМНОРСТХІЈЅ", "aeopcyxijsdlABEKMHOPCTXIJS")
INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(LOOKALIKE)
    text = "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text)
    return INVISIBLE.sub("", text).lower()


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z@]", "", fold(text))


def decoded_views(text: str) -> list[str]:
    views = [text]
    for _ in range(2):
        unq = urllib.parse.unquote(text)
        if unq != text:
            views.append(unq)
            text = unq
    for seg in re.findall(r"[A-Za-z0-9+/=_-]{12,}", "\n".join(views)):
        try:
            raw = base64.b64decode(seg + "=" * (-len(seg) % 4), altchars=b"-_" if "-" in seg or "_" in seg else None)
            views.append(raw.decode("utf-8"))
        except (binascii.Error, UnicodeDecodeError, ValueError):
            pass
    views.append(json.dumps(text))  # json-escaped forms of non-ASCII characters
    return views


def reached(value: str, bodies: list[str]) -> bool:
    texts = []
    for body in bodies:
        try:
            body = json.dumps(json.loads(body), ensure_ascii=False)
        except json.JSONDecodeError:
            pass
        texts.extend(decoded_views(body))
    want_fold, want_squash = fold(value), squash(value)
    for t in texts:
        if want_fold in fold(t) or (len(want_squash) >= 5 and want_squash in squash(t)):
            return True
    return False


def survived(word: str, bodies: list[str]) -> bool:
    joined = "\n".join(json.dumps(json.loads(b), ensure_ascii=False) if b.startswith("{") else b for b in bodies)
    return re.search(rf"(?<![\w@.]){re.escape(word)}(?![\w@])", joined) is not None


# ---------------------------------------------------------------- gateway per tree

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gateway(tree: Path, work: Path, mock_port: int) -> tuple[subprocess.Popen[bytes], str, str]:
    config = work / "redteam.yaml"
    config.write_text(CONFIG.format(mock=mock_port, today=date.today().isoformat()), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tree), "STEWARD_DATA_DIR": str(work / "data"),
           "STEWARD_LOG_LEVEL": "warning"}
    py = [str(tree / ".venv" / "bin" / "python"), "-m", "proxy.cli"]
    key = subprocess.run([*py, "keys", "create", "--user", "redteam", "--role", "staff", "--config", str(config)],
                         env=env, check=True, capture_output=True, text=True, cwd=work).stdout.strip().splitlines()[-1]
    port = free_port()
    proc = subprocess.Popen([*py, "serve", "--config", str(config), "--port", str(port)], env=env, cwd=work,
                            stdout=subprocess.DEVNULL, stderr=open(work / "gateway.err", "wb"))
    base = f"http://127.0.0.1:{port}"
    end = time.monotonic() + 180
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"gateway from {tree} exited with {proc.returncode} (see {work}/gateway.err)")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return proc, base, key
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"gateway from {tree} did not become ready")


ENDPOINTS = {"chat": "/v1/chat/completions", "responses": "/v1/responses", "embeddings": "/v1/embeddings",
             "completions": "/v1/completions"}


def send(client: httpx.Client, base: str, key: str, probe: dict) -> tuple[int, str]:
    endpoint = ENDPOINTS[probe.get("endpoint", "chat")]
    use_case = KEY_USE_CASES[probe.get("use_case", "redact")]
    headers = {"Authorization": f"Bearer {key}", "X-Steward-Use-Case": use_case}
    try:
        r = client.post(base + endpoint, json=probe["request"], headers=headers, timeout=60)
        return r.status_code, r.text
    except httpx.HTTPError as exc:
        return 599, type(exc).__name__


def score(probe: dict, status: int, body: str, upstream: list[str]) -> bool:
    kind, exp = probe["kind"], probe["expect"]
    if kind == "must_not_reach":
        if status >= 500:
            return False
        return not any(reached(v, upstream) for v in exp["values"])
    if kind == "must_survive":
        return status < 400 and all(survived(w, upstream) for w in exp["words"])
    if kind == "block":
        return 400 <= status < 500
    if kind == "pass":
        return status < 400
    got = reply_text(body)
    if kind == "output_block":
        return exp["reply"] not in got
    if kind == "output_pass":
        return status < 400 and exp["reply"] in got
    raise ValueError(kind)


def core_delivered(probe: dict, body: str) -> bool:
    """Stricter output check: did the caller get the discriminatory claim itself (its first clause),
    even if the answer was cut later in the stream?"""
    core = probe["expect"].get("core")
    return probe["kind"] == "output_block" and bool(core) and core in reply_text(body)


def reply_text(body: str) -> str:
    """The answer text as the caller sees it (joined SSE deltas or the JSON message)."""
    parts: list[str] = []
    for line in body.splitlines():
        if line.startswith("data: ") and line[6:].strip() not in ("[DONE]", ""):
            try:
                ev = json.loads(line[6:])
            except json.JSONDecodeError:
                continue
            for ch in ev.get("choices") or []:
                parts.append((ch.get("delta") or {}).get("content") or "")
            if ev.get("type") == "response.output_text.delta":
                parts.append(ev.get("delta") or "")
    if parts:
        return "".join(parts)
    try:
        obj = json.loads(body)
    except json.JSONDecodeError:
        return body
    for ch in obj.get("choices") or []:
        parts.append((ch.get("message") or {}).get("content") or ch.get("text") or "")
    for item in obj.get("output") or []:
        for c in item.get("content") or []:
            parts.append(c.get("text") or "")
    return "".join(parts)


def run_tree(tree: Path, probes: list[dict], dump: Path | None = None) -> dict:
    mock = Mock()
    with tempfile.TemporaryDirectory(prefix="steward-redteam-") as tmp:
        proc, base, key = start_gateway(tree, Path(tmp), mock.port)
        results: dict[str, dict] = {}
        try:
            with httpx.Client() as client:
                for probe in probes:
                    mock.take()
                    mock.reply = probe["expect"].get("reply", "Thank you, here is a short draft.")
                    status, body = send(client, base, key, probe)
                    upstream = mock.take()
                    if dump is not None:  # local debugging only: holds probe values
                        with open(dump, "a", encoding="utf-8") as f:
                            f.write(json.dumps({"id": probe["id"], "status": status, "upstream": upstream,
                                                "reply": body[:20000]}, ensure_ascii=False) + "\n")
                    results[probe["id"]] = {"class": probe["class"], "ok": score(probe, status, body, upstream),
                                            "status": status, "forwarded": len(upstream),
                                            "core_delivered": core_delivered(probe, body)}
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            mock.server.shutdown()
    return results


def summarise(results: dict[str, dict]) -> dict:
    classes: dict[str, list[str]] = {}
    for pid, r in results.items():
        classes.setdefault(r["class"], []).append(pid)
    per_class = {}
    for cls, ids in sorted(classes.items()):
        misses = [i for i in ids if not results[i]["ok"]]
        per_class[cls] = {"n": len(ids), "ok_rate": round(1 - len(misses) / len(ids), 3), "misses": misses}
    n = len(results)
    ok = sum(r["ok"] for r in results.values())
    core = [pid for pid, r in results.items() if r["core_delivered"]]
    return {"overall_ok_rate": round(ok / n, 3) if n else 0.0, "n": n, "per_class": per_class,
            "output_core_delivered": core,
            "statuses": {pid: r["status"] for pid, r in results.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", action="append", required=True, help="source tree (repeatable)")
    parser.add_argument("--probes", default=str(HERE / "probes.jsonl"))
    parser.add_argument("--only", help="regex on probe ids")
    parser.add_argument("--out", default="redteam-summary.json")
    parser.add_argument("--dump", help="local debugging: write what reached the provider per probe (holds values)")
    args = parser.parse_args()
    probes = [json.loads(line) for line in Path(args.probes).read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.only:
        probes = [p for p in probes if re.search(args.only, p["id"])]
    summary = {}
    for tree in args.tree:
        dump = Path(f"{args.dump}.{Path(tree).name}.jsonl") if args.dump else None
        s = summarise(run_tree(Path(tree), probes, dump))
        summary[tree] = s
        print(f"\n== {tree}: overall {s['overall_ok_rate']:.3f} over {s['n']} probes")
        for cls, c in s["per_class"].items():
            print(f"  {cls:28s} {c['ok_rate']:.3f}  (n={c['n']}) misses: {' '.join(c['misses'])}")
        print(f"  discriminatory claim (first clause) delivered before any cut: {' '.join(s['output_core_delivered'])}")
    Path(args.out).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
