"""Property-based fuzzing of every gateway endpoint (schemathesis against the gateway's own /openapi.json):
whatever a generated request holds (valid or nearly valid bodies, wrong types, odd strings, missing fields),
the gateway answers with a deliberate status, never a 5xx and never a traceback in its log.

The gateway runs under uvicorn on a loopback port with the real detectors, in front of the mock upstream;
half the generated bodies are pointed at a model the mock serves, so they travel the whole pipeline (scan,
decide, forward, screen, audit) instead of stopping at "unknown model". The auditor API has its own run
(tests/audit/test_api_schemathesis.py). STEWARD_FUZZ_EXAMPLES sets the examples per operation.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.loader import parse_config
from config.settings import Settings
from proxy.app import create_app
from tests.e2e.conftest import ALICE_KEY, RunningGateway, digest, gateway_yaml, serve_app

DEFAULT_EXAMPLES = 100  # per operation: > 2,000 requests over the 21 operations, ~1 min
EXAMPLES = int(os.environ.get("STEWARD_FUZZ_EXAMPLES", str(DEFAULT_EXAMPLES)))
ADMIN_KEY = "stw_e2eadmin_" + "c" * 40
SERVED_MODEL = "mock-chat"


def fuzz_yaml(upstream_url: str) -> str:
    text = gateway_yaml(upstream_url)
    text = text.replace("roles:\n  e2e-all:", "roles:\n  admin:\n    tools: []\n  e2e-all:", 1)
    return text + f"""  - id: e2e-admin
    digest: "{digest(ADMIN_KEY)}"
    user: carol
    roles: [e2e-all, admin]
    department: Digital
"""


def _schema() -> schemathesis.BaseSchema:
    """From the app's own document, built without starting it (schemathesis parametrizes at import)."""
    app = create_app(Settings(data_dir=Path(tempfile.mkdtemp(prefix="steward-fuzz-schema-"))),
                     parse_config(fuzz_yaml("http://127.0.0.1:9/v1"), "fuzz.yaml"))
    return schemathesis.openapi.from_dict(app.openapi())


schema = _schema().exclude(path_regex="^/audit/")


class ErrorLog(logging.Handler):
    """Every ERROR record (uvicorn's 'Exception in ASGI application' carries the traceback)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def fuzz_gateway(upstream: object, provider_key_env: str,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningGateway]:
    base_url = upstream.base_url  # type: ignore[attr-defined]
    data_dir = tmp_path_factory.mktemp("fuzz-gateway")
    app = create_app(Settings(data_dir=data_dir), parse_config(fuzz_yaml(base_url), "fuzz.yaml"))
    with serve_app(app) as running:
        yield running


SENT: dict[str, int] = {}
MIN_REQUESTS = 2_000


@pytest.fixture(scope="module", autouse=True)
def request_count() -> Iterator[dict[str, int]]:
    """Counts the requests sent per operation; with the default example count the run must reach 2,000."""
    yield SENT
    total = sum(SENT.values())
    print(f"\nfuzzing sent {total} requests over {len(SENT)} operations")  # noqa: T201 - the run's own report
    if EXAMPLES >= DEFAULT_EXAMPLES and len(SENT) == len(list(schema.get_all_operations())):
        assert total >= MIN_REQUESTS, SENT


@pytest.fixture(scope="module")
def error_log() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


def _steer(case: schemathesis.Case) -> None:
    """Point half the bodies at a served model (chosen by a digest of the body, so runs are repeatable)."""
    body = case.body
    if isinstance(body, dict) and "model" in body:
        if hashlib.sha256(repr(body).encode()).digest()[0] % 2 == 0:
            body["model"] = SERVED_MODEL


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_no_server_errors(case: schemathesis.Case, fuzz_gateway: RunningGateway, error_log: ErrorLog) -> None:
    _steer(case)
    key = ADMIN_KEY if case.path.startswith("/admin/") else ALICE_KEY
    response = case.call(base_url=fuzz_gateway.base_url.removesuffix("/v1"),
                         headers={"authorization": f"Bearer {key}"}, timeout=60)
    SENT[case.operation.label] = SENT.get(case.operation.label, 0) + 1
    case.validate_response(response, checks=[not_a_server_error])
    assert response.headers.get("x-request-id"), "every answer carries its request id"
    assert not error_log.records, [r.getMessage() for r in error_log.records]
