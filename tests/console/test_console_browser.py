"""The console in a real browser: Debian's Chromium driven by Playwright for Python (launched with
`executable_path`, since Playwright's own browser download is unreachable), against `steward serve` on
loopback. Every page visited is checked with axe-core (vendored) for serious or critical violations.

Skipped, with the reason, when Chromium or Playwright is missing — except where
STEWARD_TEST_REQUIRE_CHROMIUM is set (CI), where that is a failure. On a failure the page's screenshot
is saved under STEWARD_TEST_ARTIFACTS (default `test-artifacts/`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from proxy.identity.auth import digest_key
from tests.support.gateway_process import GatewayProcess, start_gateway

pytestmark = pytest.mark.slow

VENDOR = Path(__file__).parent / "vendor" / "axe.min.js"
KEYS = {"auditor": "stw_cauditor_" + "a" * 40, "reviewer": "stw_creviewer_" + "r" * 40,
        "admin": "stw_cadmin_" + "d" * 40, "staff": "stw_cstaff_" + "s" * 40}
CONFIG = """
version: 1
gateway:
  detection: {{enabled: false}}
tools:
  - {{id: demo, name: Demo model, provider: demo, models: [steward-demo], category: internal}}
roles:
  staff: {{tools: [demo]}}
  auditor: {{tools: []}}
  reviewer: {{tools: []}}
  admin: {{tools: []}}
default_use_case: letters
use_cases:
  - id: letters
    name: Letters to residents
    owner: Head of Housing
    purpose: Drafting letters
    tools: [demo]
    allowed_roles: [staff]
    review_by: 2099-01-01
    review_sampling_rate: 1.0
    audit: {{level: redacted, retention_days: 30}}
keys:
{keys}
"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _need(reason: str) -> None:
    if os.environ.get("STEWARD_TEST_REQUIRE_CHROMIUM"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        _need("Chromium is not installed (apt-get install chromium); the console browser tests need it")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("playwright (Python) is not installed; pip install -e '.[dev]'")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GatewayProcess]:
    folder = tmp_path_factory.mktemp("console-browser")
    lines = [f'  - {{id: k{role}, digest: "{digest_key(key)}", user: {role}-user, name: {role.title()} Person, '
             f'roles: [{role}], department: Governance}}' for role, key in KEYS.items()]
    config = folder / "policy.yaml"
    config.write_text(CONFIG.format(keys="\n".join(lines)), encoding="utf-8")
    process = start_gateway(config, folder / "data", {"STEWARD_CONSOLE_SECRET": "11" * 32})
    yield process
    process.stop()


def _chat(gateway: GatewayProcess, model: str = "steward-demo") -> httpx.Response:
    body = {"model": model, "messages": [{"role": "user", "content": "Draft a reminder about garden waste."}]}
    return httpx.post(f"{gateway.base}/v1/chat/completions", json=body, timeout=10,
                      headers={"authorization": f"Bearer {KEYS['staff']}"})


@contextlib.contextmanager
def _page(browser: Any, name: str) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    try:
        yield page
    except BaseException:
        folder = Path(os.environ.get("STEWARD_TEST_ARTIFACTS", "test-artifacts"))
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(folder / f"console-{name}.png"), full_page=True)
        raise
    finally:
        context.close()


def _axe(page: Any) -> None:
    """No serious or critical accessibility violations on the page as it stands."""
    page.add_script_tag(path=str(VENDOR))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => `${v.id} (${v.impact}): ${v.nodes.length} nodes: ${v.nodes.map(n => n.target).join(' ')}`)"""
    )
    assert violations == [], f"{page.url}: {violations}"


def _sign_in(page: Any, gateway: GatewayProcess, role: str) -> None:
    page.goto(f"{gateway.base}/console/login")
    _axe(page)
    page.get_by_label("Steward key").fill(KEYS[role])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/console/login")


def test_auditor_filters_to_a_refused_request_and_opens_it(browser: Any, gateway: GatewayProcess) -> None:
    assert _chat(gateway).status_code == 200
    refused = _chat(gateway, model="gpt-unapproved")
    assert refused.status_code == 404
    request_id = refused.headers["x-request-id"]
    with _page(browser, "auditor") as page:
        _sign_in(page, gateway, "auditor")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Last 30 days")
        _axe(page)
        page.get_by_role("link", name="Audit log").click()
        page.get_by_label("Decision").select_option("refused")
        page.get_by_label("Policy clause").fill("4")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/console/audit?**")
        rows = page.locator("#records tbody tr")
        assert rows.count() == 1
        _axe(page)
        rows.first.get_by_role("link").click()
        page.wait_for_url(f"**/console/audit/{request_id}")
        assert "model_not_found" in page.content()
        assert "presumed unauthorised" in page.locator("main").inner_text()  # the clause's wording
        _axe(page)
        page.get_by_role("link", name="Verify the audit chain").count()  # present on the list page only
        page.goto(f"{gateway.base}/console/audit/verify")
        assert "The chain is intact" in page.locator("main").inner_text()
        _axe(page)
        for path in ("/console/reports", "/console/register", "/console/reports/atrs/demo", "/console/audit/subject"):
            page.goto(gateway.base + path)
            assert page.locator("h1").count() == 1, path
            _axe(page)
        _sign_out(page)
        page.goto(f"{gateway.base}/console/audit")
        assert "/console/login" in page.url


def test_reviewer_records_a_verdict(browser: Any, gateway: GatewayProcess) -> None:
    assert _chat(gateway).status_code == 200
    with _page(browser, "reviewer") as page:
        _sign_in(page, gateway, "reviewer")
        page.goto(f"{gateway.base}/console/review")
        _axe(page)
        first = page.locator("main section").first
        heading = first.locator("h2").inner_text()
        first.get_by_label("Appropriate", exact=True).check()
        first.get_by_label("Note (optional)").fill("Tone and content are fine.")
        first.get_by_role("button", name="Record verdict").click()
        page.wait_for_url("**/console/review?done=*")
        assert "was recorded" in page.locator("[role=status]").inner_text()
        assert heading not in page.locator("main").inner_text()
        _axe(page)
        _sign_out(page)


def test_admin_pauses_the_tool_and_requests_are_refused(browser: Any, gateway: GatewayProcess) -> None:
    with _page(browser, "admin") as page:
        _sign_in(page, gateway, "admin")
        page.goto(f"{gateway.base}/console/register")
        _axe(page)
        page.get_by_label("New status for demo").select_option("paused")
        page.get_by_label("Reason (clause 11.4)").first.fill("Supplier incident under investigation")
        page.get_by_role("button", name="Change status of demo").click()
        page.wait_for_url("**/console/register?notice=*")
        assert "is now paused" in page.locator("[role=status]").inner_text()
        _axe(page)
        refused = _chat(gateway)
        assert refused.status_code == 403 and refused.json()["error"]["policy_clause"] == "11.4"
        page.get_by_label("New status for demo").select_option("approved")
        page.get_by_label("Reason (clause 11.4)").first.fill("Incident closed")
        page.get_by_role("button", name="Change status of demo").click()
        page.wait_for_url("**/console/register?notice=*")
        assert _chat(gateway).status_code == 200
        _sign_out(page)
