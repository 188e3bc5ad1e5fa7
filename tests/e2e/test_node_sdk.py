"""The official Node `openai` SDK streams through the gateway (tests/node/stream_check.mjs).

Needs `node` and `npm ci --prefix tests/node`; skipped with the reason otherwise, or failed when
STEWARD_TEST_REQUIRE_NODE=1 (CI sets it so the test cannot silently stop running).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import ALICE_KEY, BOB_KEY, RunningGateway

NODE_DIR = Path(__file__).resolve().parents[1] / "node"
SCRIPT = NODE_DIR / "stream_check.mjs"


def _unavailable(reason: str) -> None:
    if os.environ.get("STEWARD_TEST_REQUIRE_NODE") == "1":
        pytest.fail(f"{reason} (STEWARD_TEST_REQUIRE_NODE=1)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def node() -> str:
    exe = shutil.which("node")
    if exe is None:
        _unavailable("node is not installed (Node.js 20+ is needed for the Node SDK test)")
    if not (NODE_DIR / "node_modules" / "openai" / "package.json").is_file():
        _unavailable(f"the Node SDK is not installed: run `npm ci --prefix {NODE_DIR}`")
    assert exe is not None
    return exe


def test_node_sdk_streams_chat_and_responses(node: str, gateway: RunningGateway) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "STEWARD_BASE_URL": gateway.base_url,
        "STEWARD_API_KEY": ALICE_KEY,
        "STEWARD_REFUSED_KEY": BOB_KEY,
        "STEWARD_DROP_MODEL": "mock-drop",
    }
    proc = subprocess.run([node, str(SCRIPT)], cwd=NODE_DIR, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, f"stream_check.mjs failed:\n{proc.stderr}"
    result = json.loads(proc.stdout.strip().splitlines()[-1])

    with_usage = result["chatWithUsage"]
    assert "node stream usage=true" in with_usage["text"]
    assert with_usage["chunks"] > 3
    assert with_usage["emptyChoiceChunks"] == 1 and with_usage["lastChunkHasUsage"] is True
    assert with_usage["usage"]["total_tokens"] > 0

    without = result["chatWithoutUsage"]
    assert "node stream usage=false" in without["text"]
    assert without["emptyChoiceChunks"] == 0 and without["usage"] is None

    responses = result["responses"]
    assert responses["first"] == "response.created" and responses["last"] == "response.completed"
    assert "node responses stream" in responses["text"]
    assert responses["finalText"] == responses["text"]
    pinned = json.loads((NODE_DIR / "package.json").read_text())["dependencies"]["openai"]
    assert result["sdkVersion"] == pinned

    refused = result["refused"]
    assert refused["permissionDenied"] is True and refused["status"] == 403
    assert refused["policyClause"] == "10.5" and refused["chunks"] == 0

    dropped = result["dropped"]
    assert dropped["apiError"] is True and dropped["code"] == "upstream_stream_failed"
    assert dropped["chunks"] >= 1

    # The Node SDK's device details reach the audit row.
    for part, endpoint in (("chatWithUsage", "chat.completions"), ("responses", "responses")):
        row = gateway.record(result[part]["request_id"])
        assert row["decision"] == "allowed" and row["endpoint"] == endpoint and row["stream"] is True
        assert row["client_meta"]["lang"] == "js"
        assert row["client_meta"]["runtime"] == "node"
        assert row["user_agent"].startswith("OpenAI/JS")
    assert gateway.record(result["chatWithUsage"]["request_id"])["total_tokens"] == with_usage["usage"]["total_tokens"]
