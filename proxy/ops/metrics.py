"""Prometheus metrics (prometheus-client), observed once per request when it is audited.

Labels are bounded and come from configuration or Steward's own vocabulary (endpoint, tool id, use case id,
decision, status, finding class, detector, limit scope and kind) — never caller text, model names a caller
typed, user ids or anything about a resident.

With `steward serve --workers N` set PROMETHEUS_MULTIPROC_DIR to an empty folder shared by the workers:
each process writes its samples there and a scrape of any worker aggregates all of them.
`GET /metrics` needs the `metrics` or `admin` role (a Prometheus scrape sends a Steward key or token).
"""

from __future__ import annotations

import os
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from detectors.base import finding_class
from proxy.exchange import Exchange

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
SCAN_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10)
METRICS_ROLES = frozenset({"metrics", "admin"})

REQUESTS = Counter("steward_requests", "Requests through the gateway",
                   ["endpoint", "tool", "use_case", "decision", "status"])
REQUEST_DURATION = Histogram("steward_request_duration_seconds", "Time from request to the last byte",
                             ["endpoint"], buckets=LATENCY_BUCKETS)
UPSTREAM_DURATION = Histogram("steward_upstream_duration_seconds", "Time the provider took",
                              ["tool"], buckets=LATENCY_BUCKETS)
SCAN_DURATION = Histogram("steward_scan_duration_seconds", "Time spent scanning a request's text",
                          ["detector"], buckets=SCAN_BUCKETS)
FINDINGS = Counter("steward_findings", "Findings by class", ["class"])
TOKENS = Counter("steward_tokens", "Tokens reported by providers", ["tool", "direction"])
RATELIMIT_REJECTIONS = Counter("steward_ratelimit_rejections", "Requests refused by a rate limit or budget",
                               ["scope", "kind"])
AUDIT_QUEUE = Gauge("steward_audit_queue_depth", "Audit rows queued, not yet written", multiprocess_mode="livesum")
JOURNAL_BYTES = Gauge("steward_audit_journal_bytes", "Size of the local audit journal", multiprocess_mode="livesum")


def observe(ex: Exchange) -> None:
    """Count one finished request (called from Pipeline.submit)."""
    ev = ex.event
    tool, use_case = ev.tool or "", ev.use_case or ""
    REQUESTS.labels(ev.endpoint, tool, use_case, ev.decision, str(ev.http_status or 0)).inc()
    if ev.latency_ms is not None:
        REQUEST_DURATION.labels(ev.endpoint).observe(ev.latency_ms / 1000)
    if ev.upstream_latency_ms is not None and tool:
        UPSTREAM_DURATION.labels(tool).observe(ev.upstream_latency_ms / 1000)
    if ev.prompt_tokens:
        TOKENS.labels(tool, "input").inc(ev.prompt_tokens)
    if ev.completion_tokens:
        TOKENS.labels(tool, "output").inc(ev.completion_tokens)
    for entity, count in ev.findings.items():
        FINDINGS.labels(finding_class(entity)).inc(count)


def observe_scan(seconds: float, detector: str = "engine") -> None:
    SCAN_DURATION.labels(detector).observe(seconds)


def rejected(scope: str, kind: str) -> None:
    RATELIMIT_REJECTIONS.labels(scope, kind).inc()


def set_audit_gauges(queue_depth: int, journal_bytes: int) -> None:
    AUDIT_QUEUE.set(queue_depth)
    JOURNAL_BYTES.set(journal_bytes)


def render() -> tuple[bytes, str]:
    """The exposition text: this process's registry, or every worker's samples in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    from prometheus_client import REGISTRY
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def journal_size(path: Any) -> int:
    try:
        return int(os.path.getsize(path)) if path is not None else 0
    except OSError:
        return 0
