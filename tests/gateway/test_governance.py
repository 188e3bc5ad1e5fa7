"""Admin API, acknowledgements, approval requests, hot reload — and that every admin change is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gateway.conftest import CONFIG, UPSTREAM, Harness, chat_body, completion

GOVERNANCE = """
policy: {version: "3.0", require_acknowledgement: true}
"""


@pytest.fixture
def config_text() -> str:
    return CONFIG + GOVERNANCE


@pytest.fixture
async def admin_key(harness: Harness) -> str:
    return (await harness.gateway.keys.create("ada", ["admin"], department="IT")).secret


async def test_unacknowledged_policy_refuses_with_hint_until_acknowledged(harness: Harness) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    refused = await harness.post("/v1/chat/completions", chat_body())
    error = refused.json()["error"]
    assert (refused.status_code, error["code"], error["policy_clause"]) == (403, "acknowledgement_required", "17")
    assert "POST /v1/policy/acknowledge" in error["message"]
    wrong = await harness.post("/v1/policy/acknowledge", {"version": "2.0"})
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (400, "policy_version_mismatch")
    ack = await harness.post("/v1/policy/acknowledge", {"version": "3.0"})
    assert ack.json() == {"acknowledged": "3.0", "user": "alice"}
    info = await harness.client.get("/v1/policy", headers=harness.auth())
    assert info.json()["acknowledged"] is True
    assert (await harness.post("/v1/chat/completions", chat_body())).status_code == 200


async def test_pause_via_admin_api_refuses_with_reason_and_is_logged(harness: Harness, admin_key: str) -> None:
    await harness.post("/v1/policy/acknowledge", {})
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    resp = await harness.post("/admin/v1/tools/mock/status", {"status": "paused", "reason": "supplier incident"},
                              key=admin_key)
    assert resp.status_code == 200, resp.text
    refused = await harness.post("/v1/chat/completions", chat_body())
    error = refused.json()["error"]
    assert (error["code"], error["policy_clause"]) == ("tool_paused", "11.4")
    assert "supplier incident" in error["message"]
    await harness.post("/admin/v1/tools/mock/status", {"status": "approved", "reason": "resolved"}, key=admin_key)
    assert (await harness.post("/v1/chat/completions", chat_body())).status_code == 200
    log = (await harness.client.get("/admin/v1/changes", headers=harness.auth(admin_key))).json()["data"]
    assert [c["after"]["status"] for c in log[:2]] == ["approved", "paused"]
    assert log[1]["before"]["status"] == "approved" and log[1]["actor"] == "ada"


async def test_admin_endpoints_need_the_admin_role(harness: Harness) -> None:
    for method, path in [("GET", "/admin/v1/policy"), ("POST", "/admin/v1/policy/reload"),
                         ("GET", "/admin/v1/changes"), ("GET", "/admin/v1/approval-requests")]:
        resp = await harness.client.request(method, path, headers=harness.auth())
        assert (resp.status_code, resp.json()["error"]["code"]) == (403, "role_required"), path


async def test_approval_request_round_trip(harness: Harness, admin_key: str) -> None:
    body = {"tool": "Gemini", "purpose": "translate leaflets", "data_classification": "OFFICIAL, no personal data",
            "expected_output": "draft translations", "distribution": "published after review"}
    created = await harness.post("/v1/approval-requests", body)
    assert created.status_code == 201
    request_id = created.json()["id"]
    pending = await harness.client.get("/admin/v1/approval-requests?status=pending", headers=harness.auth(admin_key))
    assert [r["id"] for r in pending.json()["data"]] == [request_id]
    decided = await harness.post(f"/admin/v1/approval-requests/{request_id}/decision",
                                 {"approve": False, "note": "use the enterprise tool"}, key=admin_key)
    assert decided.json()["status"] == "rejected" and decided.json()["decided_by"] == "ada"
    bad = await harness.post("/v1/approval-requests", {"tool": "x"})
    assert bad.status_code == 400


async def test_an_approval_decision_is_final_and_a_new_request_reopens(harness: Harness, admin_key: str) -> None:
    body = {"tool": "Gemini", "purpose": "translate leaflets", "data_classification": "OFFICIAL",
            "expected_output": "draft translations", "distribution": "published after review"}
    first = (await harness.post("/v1/approval-requests", body)).json()["id"]
    path = f"/admin/v1/approval-requests/{first}/decision"
    approved = await harness.post(path, {"approve": True, "note": "fine"}, key=admin_key)
    assert approved.status_code == 200
    again = await harness.post(path, {"approve": False, "note": "changed my mind"}, key=admin_key)
    error = again.json()["error"]
    assert (again.status_code, error["code"]) == (409, "approval_request_decided")
    assert "already approved" in error["message"]
    listed = await harness.client.get("/admin/v1/approval-requests", headers=harness.auth(admin_key))
    assert [(r["id"], r["status"], r["decision_note"]) for r in listed.json()["data"]] == [(first, "approved", "fine")]
    row = await harness.audit_row(again.headers["x-request-id"])
    assert (row["http_status"], row["reason_code"]) == (409, "approval_request_decided")
    second = (await harness.post("/v1/approval-requests", body)).json()["id"]
    assert second != first
    rejected = await harness.post(f"/admin/v1/approval-requests/{second}/decision", {"approve": False},
                                  key=admin_key)
    assert rejected.json()["status"] == "rejected"


@pytest.mark.parametrize("content", ["", "   \n\n", "# policy being rewritten\n"])
async def test_reload_refuses_an_empty_or_half_written_file(harness: Harness, admin_key: str, tmp_path: Path,
                                                            content: str) -> None:
    version = harness.gateway.loaded.digest
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(content, encoding="utf-8")
    harness.gateway.policy.path = policy_file
    bad = await harness.post("/admin/v1/policy/reload", {}, key=admin_key)
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "invalid_policy")
    assert harness.gateway.loaded.digest == version
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    await harness.post("/v1/policy/acknowledge", {})
    assert (await harness.post("/v1/chat/completions", chat_body())).status_code == 200


async def test_reload_refuses_a_file_cut_before_its_use_cases(harness: Harness, admin_key: str,
                                                              tmp_path: Path) -> None:
    use_cases = """
use_cases:
  - {id: drafting, owner: IT, purpose: drafting, tools: [mock], allowed_roles: [staff], review_by: 2099-01-01}
"""
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(CONFIG + GOVERNANCE + use_cases, encoding="utf-8")
    harness.gateway.policy.path = policy_file
    assert (await harness.post("/admin/v1/policy/reload", {}, key=admin_key)).status_code == 200
    version = harness.gateway.loaded.digest
    policy_file.write_text(CONFIG + GOVERNANCE, encoding="utf-8")  # truncated: the use cases are gone
    bad = await harness.post("/admin/v1/policy/reload", {}, key=admin_key)
    assert bad.status_code == 400 and "use_cases: the new file has none" in bad.json()["error"]["message"]
    assert harness.gateway.loaded.digest == version


async def test_reload_rejects_broken_file_and_keeps_serving(harness: Harness, admin_key: str,
                                                            tmp_path: Path) -> None:
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(CONFIG + GOVERNANCE.replace("3.0", "3.1"), encoding="utf-8")
    harness.gateway.policy.path = policy_file
    ok = await harness.post("/admin/v1/policy/reload", {}, key=admin_key)
    assert ok.status_code == 200 and harness.gateway.config.policy.version == "3.1"
    version = harness.gateway.loaded.digest
    policy_file.write_text(CONFIG.replace("category: internal", "category: nonsense"), encoding="utf-8")
    bad = await harness.post("/admin/v1/policy/reload", {}, key=admin_key)
    error = bad.json()["error"]
    assert (bad.status_code, error["code"]) == (400, "invalid_policy")
    assert f"{policy_file}:" in error["message"] and "tools.0.category" in error["message"]
    assert harness.gateway.loaded.digest == version  # the old policy keeps serving
    status = (await harness.client.get("/admin/v1/policy", headers=harness.auth(admin_key))).json()
    assert status["last_reload"]["ok"] is False and status["policy_version"] == version


async def test_policy_file_change_is_picked_up_and_broken_edit_rejected(tmp_path: Path,
                                                                        shared_scanner: object) -> None:
    import asyncio

    from config.loader import load_config
    from config.settings import Settings
    from proxy.app import create_app

    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(CONFIG + GOVERNANCE, encoding="utf-8")
    app = create_app(Settings(config_path=policy_file, data_dir=tmp_path), load_config(policy_file),
                     scanner=shared_scanner)  # type: ignore[arg-type]
    async with app.router.lifespan_context(app):
        gateway = app.state.gateway

        async def wait_for(condition: object) -> None:
            for _ in range(100):
                if condition():  # type: ignore[operator]
                    return
                await asyncio.sleep(0.05)
            raise AssertionError("the policy file change was not picked up")

        await asyncio.sleep(0.3)  # let the watcher start
        policy_file.write_text(CONFIG + GOVERNANCE.replace("3.0", "4.0"), encoding="utf-8")
        await wait_for(lambda: gateway.config.policy.version == "4.0")
        policy_file.write_text("tools: [", encoding="utf-8")
        await wait_for(lambda: gateway.policy.last_reload is not None and not gateway.policy.last_reload.ok)
        assert gateway.config.policy.version == "4.0"  # still serving the last good policy
        assert f"{policy_file}:" in gateway.policy.last_reload.problems[0]
