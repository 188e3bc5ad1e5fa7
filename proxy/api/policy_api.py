"""Dry-run endpoints for IT and users: `POST /v1/policy/scan` and `POST /v1/policy/explain`.

The body is either `{"text" | "texts" | "request", "endpoint", "model", "use_case"}` or exactly the body of
the endpoint being simulated (a chat, Responses, completions or Anthropic Messages body; which one is read
from `?endpoint=`, else from its shape; the use case from `X-Steward-Use-Case`).
Both scan exactly as the proxy would and forward nothing. `scan` returns findings (types, offsets,
scores, detectors — never values) and the transformed texts; `explain` adds the full decision for a
model/tool and use case: every reason with its clause, and the obligations.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import Response

from config.base import Action
from detectors.base import Finding
from detectors.langid import request_language
from detectors.pii_names_request import settle_names
from policies.decide import Context, decide
from policies.decision import Decision
from policies.operators import Pseudonymiser
from policies.resolve import resolve_tool
from policies.transform import introduce_people, preview_actions, transform
from proxy.api.api_call import api_call, validated
from proxy.dialects import DIALECTS
from proxy.dialects.fields import Fields, TextField, apply
from proxy.endpoints import Endpoint
from proxy.exchange import Exchange
from proxy.http.body import parse_json, read_body
from proxy.http.errors import BadRequest
from proxy.http.free_text import caller_identifier, model_names
from proxy.http.request_schemas import MAX_DEPTH, text_json_depth
from proxy.pipeline import Pipeline
from proxy.stages.inspect import PolicyInspector
from proxy.stages.scan_budget import check_scan_budget
from proxy.stages.unscannable import field_name


class DryRun(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    texts: list[str] | None = None
    request: dict[str, Any] | None = Field(None, description="a full request body (chat, Responses, embeddings, "
                                           "completions or Anthropic messages) to scan field by field")
    endpoint: Literal[Endpoint.CHAT, Endpoint.RESPONSES, Endpoint.EMBEDDINGS, Endpoint.COMPLETIONS,
                      Endpoint.MESSAGES] = Endpoint.CHAT
    model: str | None = Field(None, description="model (or tool-id/model) the request would use")
    use_case: str | None = None


_OWN_FIELDS = frozenset(DryRun.model_fields)
_BODY_KEYS = frozenset({"messages", "input", "prompt"})  # what makes a body an endpoint's own


def simulated_endpoint(raw: dict[str, Any], headers: Any, query: Any) -> Endpoint:
    """Which endpoint a bare request body is for: `?endpoint=`, else its shape."""
    named = query.get("endpoint")
    if named is not None:
        return _simulated(named)
    if "input" in raw:
        return Endpoint.RESPONSES
    if "prompt" in raw:
        return Endpoint.COMPLETIONS
    return _messages_endpoint(raw, headers)


def _simulated(name: str) -> Endpoint:
    endpoint = next((e for e in DIALECTS if e.value == name), None)
    if endpoint is None:
        raise BadRequest(f"'{name}' is not an endpoint a dry run can simulate; use one of "
                         f"{', '.join(e.value for e in DIALECTS)}.", param="endpoint", code="invalid_request")
    return endpoint


def _messages_endpoint(raw: dict[str, Any], headers: Any) -> Endpoint:
    """Chat and Anthropic Messages both have `messages`: a top-level `system` or the header says Anthropic."""
    return Endpoint.MESSAGES if headers.get("anthropic-version") or "system" in raw else Endpoint.CHAT


async def parse_dry_run(ex: Exchange, limit: int) -> DryRun:
    raw = parse_json(await read_body(ex.request, limit))
    if set(raw) <= _OWN_FIELDS or not (_BODY_KEYS & set(raw)):
        return validated(DryRun, raw)
    endpoint = simulated_endpoint(raw, ex.request.headers, ex.request.query_params)
    model = raw.get("model")
    return validated(DryRun, {"request": raw, "endpoint": endpoint, "model": model if isinstance(model, str) else None})


def _fields(req: DryRun) -> Fields:
    if req.request is not None:
        scanned = DIALECTS[_simulated(req.endpoint.value)].fields(req.request)
        for field in scanned.texts:
            if field.is_json and text_json_depth(field.text) > MAX_DEPTH:
                raise BadRequest(f"The JSON text at request.{'.'.join(map(str, field.path))} nests more than "
                                 f"{MAX_DEPTH} levels deep.", param="request", code="json_too_deep")
        return scanned
    texts = req.texts if req.texts is not None else ([req.text] if req.text is not None else [])
    if not texts:
        raise BadRequest("Give 'text', 'texts' or 'request'.", code="invalid_request")
    return Fields([TextField(path=("texts", i), text=t) for i, t in enumerate(texts)])


def _finding(f: Finding, path: tuple[str | int, ...]) -> dict[str, Any]:
    return {"field": list(path), "entity": f.entity, "label": f.label or None, "class": f.finding_class,
            "start": f.start, "end": f.end, "score": round(f.score, 3), "detector": f.detector,
            "rule": f.rule or None}


def _decision(d: Decision) -> dict[str, Any]:
    return {"action": str(d.action), "outcome": d.outcome, "categories": list(d.categories),
            "reasons": [asdict(r) for r in d.reasons],
            "obligations": asdict(d.obligations) if d.obligations else None}


async def dry_run(pipeline: Pipeline, request: Request, explain: bool) -> Response:
    endpoint = Endpoint.POLICY_EXPLAIN if explain else Endpoint.POLICY_SCAN
    return await api_call(pipeline, request, endpoint, lambda ex: _run(pipeline, ex, explain))


async def _run(pipeline: Pipeline, ex: Exchange, explain: bool) -> dict[str, Any]:
    req = await parse_dry_run(ex, pipeline.gw.config.gateway.max_body_bytes)
    scanned = _fields(req)
    fields = scanned.texts
    assert ex.config is not None
    check_scan_budget(ex.config, ex.config.use_case(req.use_case) if req.use_case else None, [f.text for f in fields])
    per_field = settle_names([f.text for f in fields], await pipeline.gw.scanner.scan([f.text for f in fields]),
                             pipeline.gw.config.public_figures, [f.path for f in fields])
    findings = [f for found in per_field for f in found]
    result: dict[str, Any] = {"findings": [_finding(f, fld.path) for fld, found in zip(fields, per_field, strict=True)
                                           for f in found]}
    if scanned.opaque:  # the proxy refuses these unless the use case allows them (policy 10.3)
        result["unscannable"] = [{"field": field_name(o.path), "kind": o.kind} for o in scanned.opaque]
    decision = await _decide(pipeline, ex, req, findings, [f.text for f in fields]) if (explain or req.model) else None
    actions = preview_actions(decision.class_actions) if decision else {f.finding_class: Action.REDACT
                                                                            for f in findings}
    p = Pseudonymiser()
    introduce_people(p, [fld.text for fld in fields], per_field)
    result["transformed"] = [
        {"field": list(fld.path), "text": apply(fld, found, lambda t, s: transform(t, s, actions, p))}
        for fld, found in zip(fields, per_field, strict=True)
    ]
    if decision is not None:
        result["decision"] = _decision(decision)
    return result


async def _decide(pipeline: Pipeline, ex: Exchange, req: DryRun, findings: list[Finding],
                  texts: list[str]) -> Decision:
    assert ex.principal is not None and ex.config is not None
    if not req.model:
        raise BadRequest("'model' is required to explain a decision.", param="model", code="invalid_request")
    model = caller_identifier(req.model, model_names(ex.config))
    assert model is not None
    ex.event.model_requested = model
    route = resolve_tool(ex.config, ex.principal.roles, model)
    ex.set_tool(route.tool)
    inspector = pipeline.gw.inspector
    if not isinstance(inspector, PolicyInspector):
        raise BadRequest("Policy explanations need the policy inspector.", code="invalid_request")
    ctx: Context = await inspector.context(ex, ex.config, requested_use_case=req.use_case)
    ctx = dataclasses.replace(ctx, language=request_language(texts))
    decision = decide(ctx, findings)
    ex.event.use_case = ctx.use_case.id
    return decision
