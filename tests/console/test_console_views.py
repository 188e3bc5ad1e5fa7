"""The console's pages in-process: sign-in and cookie flags, role visibility, CSRF, audit of every
console action, audit-log filters, record pages with clause text, full content on request, review
verdicts, pausing a tool (clause 11.4), revoked keys and forged cookies."""

from __future__ import annotations

import re

from sqlalchemy import select

from audit.reader import get_record
from audit.records_schema import audit_access_log
from proxy.console.session import COOKIE
from proxy.identity.auth import digest_key
from tests.console.conftest import Console


def _set_cookie_header(resp) -> str:  # type: ignore[no-untyped-def]
    return "; ".join(v for k, v in resp.headers.multi_items() if k == "set-cookie" and v.startswith(COOKIE))


async def test_login_page_is_accessible_html(console: Console) -> None:
    resp = await console.client.get("/console/login")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    assert '<html lang="en-GB">' in resp.text
    assert '<label for="key">' in resp.text and 'id="key"' in resp.text
    assert 'href="#main"' in resp.text  # skip link
    assert "http://" not in resp.text and "https://" not in resp.text  # no CDN, nothing external


async def test_sign_in_sets_a_sealed_strict_cookie_and_audits(console: Console) -> None:
    resp = await console.sign_in("auditor")
    assert resp.status_code == 303 and resp.headers["location"] == "/console/"
    cookie = _set_cookie_header(resp).lower()
    for flag in ("httponly", "secure", "samesite=strict", "path=/console", "max-age=28800"):
        assert flag in cookie, flag
    assert console.keys["auditor"].lower() not in cookie and "auditor-1" not in cookie  # sealed, no key
    rows = [r for r in await console.rows() if r["endpoint"] == "console"]
    assert any(r["reason_code"] == "console.sign_in" and r["user_id"] == "auditor-1" and r["http_status"] == 303
               for r in rows)


async def test_wrong_key_and_forged_form_are_refused_and_audited(console: Console) -> None:
    form = await console.client.get("/console/login")
    token = re.search(r'name="login_token" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    bad = await console.client.post("/console/login", data={"key": "stw_nope_x", "login_token": token})
    assert bad.status_code == 401 and "not recognised" in bad.text
    forged = await console.client.post("/console/login", data={"key": console.keys["auditor"],
                                                                "login_token": "made-up"})
    assert forged.status_code == 403 and COOKIE not in forged.headers.get("set-cookie", "")
    codes = {r["reason_code"] for r in await console.rows() if r["endpoint"] == "console"}
    assert {"console_sign_in_failed", "csrf_failed"} <= codes


async def test_caller_without_console_role_cannot_sign_in(console: Console) -> None:
    resp = await console.sign_in("caller")
    assert resp.status_code == 403 and "10.5" in resp.text
    assert COOKIE not in resp.headers.get("set-cookie", "")


async def test_pages_need_a_session(console: Console) -> None:
    resp = await console.client.get("/console/audit?decision=refused")
    assert resp.status_code == 303
    assert resp.headers["location"] == "/console/login?next=/console/audit%3Fdecision%3Drefused"
    assert any(r["reason_code"] == "console_sign_in_required" for r in await console.rows())


async def test_open_redirect_is_not_followed(console: Console) -> None:
    form = await console.client.get("/console/login?next=https://evil.example/")
    assert 'name="next" value="/console/"' in form.text


async def test_roles_decide_what_each_person_sees(console: Console) -> None:
    await console.sign_in("reviewer")
    home = await console.client.get("/console/review")
    assert home.status_code == 200 and ">Review queue<" in home.text and ">Audit log<" not in home.text
    audit = await console.client.get("/console/audit")
    assert audit.status_code == 403 and "Auditor" in audit.text
    await console.sign_in("auditor")
    register = await console.client.get("/console/register")
    assert register.status_code == 200 and "Change status of" not in register.text  # read-only for auditors
    assert (await console.client.get("/console/review")).status_code == 403


async def test_forms_without_csrf_token_are_refused(console: Console) -> None:
    await console.sign_in("admin")
    resp = await console.client.post("/console/register/tools/mock/status",
                                     data={"status": "paused", "reason": "incident"})
    assert resp.status_code == 403 and "csrf_failed" in resp.text
    assert (await console.chat()).status_code == 200  # nothing changed


async def test_admin_pauses_a_tool_and_requests_are_refused_with_11_4(console: Console) -> None:
    await console.sign_in("admin")
    token = await console.csrf()
    resp = await console.client.post("/console/register/tools/mock/status",
                                     data={"status": "paused", "reason": "incident review", "csrf_token": token})
    assert resp.status_code == 303
    page = await console.client.get(resp.headers["location"])
    assert "is now paused" in page.text and "incident review" in page.text
    refused = await console.chat()
    assert refused.status_code == 403 and refused.json()["error"]["policy_clause"] == "11.4"
    changes = await console.gateway.governance.changes(5)
    assert changes[0]["actor"] == "admin-1" and changes[0]["after"]["status"] == "paused"


async def test_audit_log_filters_and_record_page_quote_the_clause(console: Console) -> None:
    refused = await console.chat(model="no-such-model")
    assert refused.status_code == 404
    assert (await console.chat()).status_code == 200
    await console.gateway.audit.flush()
    await console.sign_in("auditor")
    listing = await console.client.get("/console/audit?decision=refused&endpoint=x")
    assert listing.status_code == 200
    request_id = refused.headers["x-request-id"]
    assert request_id in listing.text
    assert "allowed</span>" not in listing.text.split("<tbody>")[1]  # only refused rows listed
    record = await console.client.get(f"/console/audit/{request_id}")
    assert record.status_code == 200 and "model_not_found" in record.text
    assert "Policy 4:" in record.text and "presumed unauthorised" in record.text  # clause text quoted


async def test_bad_filters_show_the_form_again_with_the_field(console: Console) -> None:
    await console.sign_in("auditor")
    resp = await console.client.get("/console/audit?from=yesterday")
    assert resp.status_code == 400 and 'href="#f-from"' in resp.text and "2026-12-01T09:00" in resp.text
    resp = await console.client.get("/console/audit?finding=has%20space")
    assert resp.status_code == 400 and 'href="#f-finding"' in resp.text


async def test_full_content_is_shown_only_on_request_and_the_access_logged(console: Console) -> None:
    resp = await console.chat(use_case="casework", text="Call Sarah Jenkins about the hedge.")
    assert resp.status_code == 200
    request_id = resp.headers["x-request-id"]
    await console.gateway.audit.flush()
    await console.sign_in("auditor")
    page = await console.client.get(f"/console/audit/{request_id}")
    assert "Sarah Jenkins" not in page.text and "Decrypt and show" in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    shown = await console.client.post(f"/console/audit/{request_id}/content", data={"csrf_token": token})
    assert shown.status_code == 200 and "Call Sarah Jenkins about the hedge." in shown.text
    async with console.gateway.engine.connect() as conn:
        rows = (await conn.execute(select(audit_access_log))).mappings().all()
    assert any(r["params"].get("include_content") is True and r["actor"] == "auditor-1" for r in rows)


async def test_reviewer_records_one_verdict(console: Console) -> None:
    resp = await console.chat()  # use case `notes` samples every request for review
    await console.gateway.audit.flush()
    await console.pipeline.review.drain()
    await console.sign_in("reviewer")
    queue = await console.client.get("/console/review")
    match = re.search(r'action="/console/review/(\d+)/verdict"', queue.text)
    assert match is not None, "the sampled request is in the queue"
    item = match.group(1)
    assert "notes" in queue.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', queue.text).group(1)  # type: ignore[union-attr]
    done = await console.client.post(f"/console/review/{item}/verdict",
                                     data={"verdict": "appropriate", "note": "fine", "csrf_token": token})
    assert done.status_code == 303
    again = await console.client.post(f"/console/review/{item}/verdict",
                                      data={"verdict": "inappropriate", "csrf_token": token})
    assert again.status_code == 409
    record = await get_record(console.gateway.engine, resp.headers["x-request-id"])
    assert record is not None


async def test_revoked_key_ends_the_session(console: Console) -> None:
    await console.sign_in("auditor")
    assert (await console.client.get("/console/audit")).status_code == 200
    key_id = console.keys["auditor"].split("_")[1]
    assert await console.gateway.keys.revoke(key_id)
    console.gateway.authenticator.forget(digest_key(console.keys["auditor"]))  # as the revoking replica does
    resp = await console.client.get("/console/audit")
    assert resp.status_code == 303 and resp.headers["location"].startswith("/console/login")


async def test_forged_cookie_is_ignored(console: Console) -> None:
    console.client.cookies.set(COOKIE, "A" * 80, domain="steward.test", path="/console")
    resp = await console.client.get("/console/audit")
    assert resp.status_code == 303


async def test_exports_dashboard_reports_and_verify(console: Console) -> None:
    await console.chat()
    await console.chat(model="no-such-model")
    await console.gateway.audit.flush()
    await console.sign_in("auditor")
    csv = await console.client.get("/console/audit/export.csv?decision=refused")
    assert csv.status_code == 200 and csv.text.startswith("id,request_id")
    assert all(",refused," in line for line in csv.text.strip().splitlines()[1:])
    dash = await console.client.get("/console/")
    assert dash.status_code == 200 and "Refusals by policy clause" in dash.text and "<svg" in dash.text
    reports = await console.client.get("/console/reports?days=7")
    assert reports.status_code == 200 and "Transparency report" in reports.text
    atrs = await console.client.get("/console/reports/atrs/mock")
    assert atrs.status_code == 200 and "Tier 1" in atrs.text
    verify = await console.client.get("/console/audit/verify")
    assert verify.status_code == 200 and "The chain is intact" in verify.text
    subject = await console.client.get("/console/audit/subject?user_id=caller-1")
    assert subject.status_code == 200 and "caller-1" in subject.text


async def test_register_highlights_overdue_reviews(console: Console) -> None:
    await console.sign_in("admin")
    page = await console.client.get("/console/register")
    pilot = page.text.split("<strong>old-pilot</strong>")[1].split("</tr>")[0]
    assert "overdue" in pilot and "EQIA-3" in pilot
    notes = page.text.split("<strong>notes</strong>")[1].split("</tr>")[0]
    assert "overdue" not in notes


async def test_sign_out_clears_the_cookie(console: Console) -> None:
    await console.sign_in("auditor")
    token = await console.csrf("/console/audit")
    resp = await console.client.post("/console/logout", data={"csrf_token": token})
    assert resp.status_code == 303 and 'max-age=0' in _set_cookie_header(resp).lower()
