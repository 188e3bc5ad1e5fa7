"""Resolve the requested model to an approved tool the caller's roles may use (clauses 4, 10.5, 11.4).

Default deny: a model no active tool offers is unknown (404); a tool that is paused or withdrawn,
or that none of the caller's roles lists, is refused (403) with the clause that refuses it.
A caller may pin a tool with `tool-id/model` or the `X-Steward-Tool` header.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from config.base import ToolStatus
from config.models import PolicyConfig, Tool
from policies.refusal import Refusal

APPROVAL_HINT = (
    "Tools not listed are unauthorised (policy 4); to request one, contact the GenAI governance "
    "authority with the tool, purpose, data classification, expected output and how it will be used (policy 7)."
)


@dataclass(frozen=True, slots=True)
class Route:
    tool: Tool
    model: str  # the model name as the provider knows it (any `tool-id/` prefix removed)


def allowed_tool_ids(config: PolicyConfig, roles: Iterable[str]) -> set[str]:
    allowed: set[str] = set()
    for role in roles:
        spec = config.roles.get(role)
        if spec is not None:
            allowed.update(spec.tools)
    return allowed


def active_tools(config: PolicyConfig) -> list[Tool]:
    """Tools whose provider key is configured (a tool naming an unset key env var is dormant)."""
    return [t for t in config.tools if t.key_configured()]


def visible_models(config: PolicyConfig, roles: Sequence[str]) -> list[tuple[Tool, str]]:
    """(tool, model) pairs this caller may use right now: approved, active, and granted to a role."""
    allowed = allowed_tool_ids(config, roles)
    return [
        (tool, model)
        for tool in active_tools(config)
        if tool.id in allowed and tool.status is ToolStatus.APPROVED
        for model in tool.models
    ]


def resolve_tool(config: PolicyConfig, roles: Sequence[str], model: str, tool_hint: str | None = None) -> Route:
    tool_id, bare = _split_model(config, model, tool_hint)
    candidates = [t for t in active_tools(config) if bare in t.models and (tool_id is None or t.id == tool_id)]
    if tool_id is not None and config.tool(tool_id) is None:
        raise Refusal("tool_not_approved", "4", f"Tool '{tool_id}' is not an approved tool. {APPROVAL_HINT}")
    if not candidates:
        _refuse_unconfigured(config, bare, tool_id)
        raise Refusal(
            "model_not_found", "4",
            f"The model '{model}' is not offered by any approved tool available to you. {APPROVAL_HINT}",
            not_found=True,
        )
    allowed = allowed_tool_ids(config, roles)
    permitted = [t for t in candidates if t.id in allowed]
    if not permitted:
        role_list = ", ".join(roles) or "none"
        raise Refusal(
            "tool_not_permitted_for_role", "10.5",
            f"Your role ({role_list}) is not granted the tool '{candidates[0].id}' (policy 10.5: access by role "
            "and least privilege). Ask your manager or the GenAI governance authority for access.",
        )
    approved = [t for t in permitted if t.status is ToolStatus.APPROVED]
    if not approved:
        _refuse_status(permitted[0])
    return Route(tool=approved[0], model=bare)


class ToolNotConfigured(Refusal):
    """The model's tool is approved but its provider key variable is unset: a set-up gap, not a policy refusal."""

    def __init__(self, tool: Tool) -> None:
        super().__init__("tool_not_configured", None,
                         f"The tool '{tool.id}' is approved but not configured on this gateway yet. "
                         "Try again later or tell IT.")
        self.tool_id, self.env = tool.id, tool.api_key_env or ""


def _refuse_unconfigured(config: PolicyConfig, bare: str, tool_id: str | None) -> None:
    for tool in config.tools:
        if bare in tool.models and (tool_id is None or tool.id == tool_id) and not tool.key_configured():
            raise ToolNotConfigured(tool)


def _split_model(config: PolicyConfig, model: str, tool_hint: str | None) -> tuple[str | None, str]:
    if tool_hint:
        return tool_hint, model
    head, sep, tail = model.partition("/")
    if sep and config.tool(head) is not None:
        return head, tail
    return None, model


def _refuse_status(tool: Tool) -> None:
    verb = "paused" if tool.status is ToolStatus.PAUSED else "withdrawn"
    reason = f" Reason: {tool.status_reason}." if tool.status_reason else ""
    raise Refusal(
        f"tool_{verb}", "11.4",
        f"The tool '{tool.id}' has been {verb} by the GenAI governance authority (policy 11.4).{reason}",
    )
