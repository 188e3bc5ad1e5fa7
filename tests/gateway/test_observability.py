"""Prometheus metrics (role-restricted, bounded labels, no caller text) and OpenTelemetry traces (one server
span per request with stage children, GenAI attributes, traceparent sent to the provider, trace id on the
audit row, no prompt text anywhere in a span)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from proxy.ops.tracing import TRACING, tracing_enabled
from tests.gateway.conftest import UPSTREAM, Harness, completion

PROMPT = "Draft a letter to Gwendolyn Abernathy-Rees at 14 Quarry Lane about her parking permit."


async def _metrics_key(h: Harness) -> str:
    return (await h.gateway.keys.create("prom", ["metrics"])).secret


async def test_metrics_need_the_metrics_role(harness: Harness) -> None:
    assert (await harness.client.get("/metrics")).status_code == 401
    refused = await harness.client.get("/metrics", headers=harness.auth())
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "role_required"
    ok = await harness.client.get("/metrics", headers=harness.auth(await _metrics_key(harness)))
    assert ok.status_code == 200 and ok.headers["content-type"].startswith("text/plain")


async def test_metrics_count_requests_findings_tokens_without_caller_text(harness: Harness) -> None:
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini",
                                                       "messages": [{"role": "user", "content": PROMPT}]})
    assert resp.status_code == 200
    await harness.post("/v1/chat/completions", {"model": "no-such-model", "messages": []})
    text = (await harness.client.get("/metrics", headers=harness.auth(await _metrics_key(harness)))).text
    assert 'steward_requests_total{decision="allowed",endpoint="chat.completions",status="200",tool="mock"' in text
    for name in ("steward_request_duration_seconds_bucket", "steward_upstream_duration_seconds_bucket",
                 'steward_scan_duration_seconds_count{detector="engine"}',
                 'steward_findings_total{class="personal_data"}',
                 'steward_tokens_total{direction="input",tool="mock"}', "steward_audit_queue_depth",
                 "steward_audit_journal_bytes", "steward_ratelimit_rejections_total"):
        assert name in text, name
    for leaked in ("Gwendolyn", "Abernathy", "Quarry", "alice", "no-such-model"):
        assert leaked not in text


@pytest.fixture
def spans(harness: Harness) -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    TRACING.configure(environ={}, exporter=exporter)
    yield exporter
    TRACING.shutdown()


async def test_one_trace_per_request_with_stage_spans(harness: Harness, spans: InMemorySpanExporter) -> None:
    route = harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    caller_trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [
        {"role": "user", "content": PROMPT}]}, headers={"traceparent": f"00-{caller_trace}-00f067aa0ba902b7-01"})
    assert resp.status_code == 200
    assert TRACING.provider is not None
    TRACING.provider.force_flush()
    finished = spans.get_finished_spans()
    by_name = {s.name: s for s in finished}
    server = by_name["chat.completions"]
    assert format(server.context.trace_id, "032x") == caller_trace  # continues the caller's trace
    for child in ("authenticate", "scan", "decide", "chat gpt-4o-mini", "relay"):
        assert child in by_name, sorted(by_name)
        assert by_name[child].parent is not None and by_name[child].parent.span_id == server.context.span_id
    client = by_name["chat gpt-4o-mini"]
    assert client.attributes["gen_ai.request.model"] == "gpt-4o-mini"
    assert client.attributes["gen_ai.usage.input_tokens"] == 11
    assert client.attributes["gen_ai.usage.output_tokens"] == 7
    sent = route.calls.last.request.headers["traceparent"]
    assert sent.split("-")[1] == caller_trace and sent.split("-")[2] == format(client.context.span_id, "016x")
    row = await harness.audit_row(resp.headers["x-request-id"])
    assert row["trace_id"] == caller_trace
    everything = repr([(s.name, dict(s.attributes or {}), s.events) for s in finished])
    for leaked in ("Gwendolyn", "Abernathy", "Quarry", "alice"):
        assert leaked not in everything


async def test_tracing_is_off_by_default(harness: Harness) -> None:
    assert TRACING.tracer is None
    harness.upstream.post(f"{UPSTREAM}/chat/completions").respond(200, json=completion())
    resp = await harness.post("/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [
        {"role": "user", "content": "Summarise the bin rota."}]})
    assert "traceparent" not in harness.upstream.calls.last.request.headers
    assert (await harness.audit_row(resp.headers["x-request-id"]))["trace_id"] is None


@pytest.mark.parametrize(("env", "on"), [
    ({}, False),
    ({"OTEL_TRACES_EXPORTER": "otlp"}, True),
    ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}, True),
    ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318", "OTEL_SDK_DISABLED": "true"}, False),
    ({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://x"}, False),
])
def test_enabled_only_by_the_standard_variables(env: dict[str, str], on: bool) -> None:
    assert tracing_enabled(env) is on


def test_grafana_dashboard_uses_only_metrics_the_gateway_exports() -> None:
    import json
    import re
    from pathlib import Path

    from proxy.ops import metrics
    dashboard = json.loads((Path(__file__).parents[2] / "deploy/grafana/steward-dashboard.json").read_text())
    exported = {m._name for m in (metrics.REQUESTS, metrics.REQUEST_DURATION, metrics.UPSTREAM_DURATION,
                                 metrics.SCAN_DURATION, metrics.FINDINGS, metrics.TOKENS,
                                 metrics.RATELIMIT_REJECTIONS, metrics.AUDIT_QUEUE, metrics.JOURNAL_BYTES)}
    used = {re.sub(r"_(total|bucket)$", "", name)
            for panel in dashboard["panels"] for target in panel["targets"]
            for name in re.findall(r"steward_[a-z_]+", target["expr"])}
    assert used and used <= exported, used - exported
    assert exported <= used  # every metric has a panel
