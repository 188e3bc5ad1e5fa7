"""The policy in force: the file as last loaded successfully, plus runtime overrides from the database.

Reloads (file change, SIGHUP, admin endpoint) swap the whole configuration atomically; an invalid
file is rejected with its file:line: field messages and the old policy keeps serving. Overrides
(pause/withdraw) are polled from the shared database, so every replica applies them within the
poll interval. Each request takes one snapshot (`effective`) and uses it throughout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import structlog

from audit.events import utc_now
from config.base import ToolStatus
from config.loader import ConfigError, LoadedConfig, load_replacement
from config.models import PolicyConfig
from proxy.state.governance import Override

log = structlog.get_logger("steward.policy")


@dataclass
class ReloadOutcome:
    ok: bool
    at: datetime
    source: str
    problems: list[str] = field(default_factory=list)
    version: str | None = None


class PolicyHolder:
    def __init__(self, loaded: LoadedConfig, path: Path | None) -> None:
        self.path = path
        self.loaded = loaded
        self.loaded_at = utc_now()
        self.overrides: dict[tuple[str, str], Override] = {}
        self.last_reload: ReloadOutcome | None = None
        self.effective: PolicyConfig = loaded.config

    def reload(self, check: Callable[[PolicyConfig], list[str]] | None = None) -> ReloadOutcome:
        """Re-read the file. On error keep serving the old policy and remember why. `check` names what
        stops a valid file from being served here (e.g. a setting its environment lacks): a reason to reject."""
        source = str(self.path) if self.path else "<embedded default>"
        try:
            fresh = load_replacement(self.path, self.loaded.config)
            if check is not None and (problems := check(fresh.config)):
                raise ConfigError(source, [f"{source}: {p}" for p in problems])
        except ConfigError as exc:
            outcome = ReloadOutcome(ok=False, at=utc_now(), source=source, problems=exc.problems)
            log.error("policy.reload_rejected", source=source, problems=exc.problems)
        else:
            changed = fresh.digest != self.loaded.digest
            self.loaded, self.loaded_at = fresh, utc_now()
            self._recompute()
            outcome = ReloadOutcome(ok=True, at=utc_now(), source=source, version=fresh.digest)
            log.info("policy.reloaded", source=source, policy_version=fresh.digest, changed=changed)
        self.last_reload = outcome
        return outcome

    def apply_overrides(self, overrides: dict[tuple[str, str], Override]) -> bool:
        if overrides == self.overrides:
            return False
        self.overrides = overrides
        self._recompute()
        log.info("policy.overrides_applied", count=len(overrides))
        return True

    def _recompute(self) -> None:
        config = self.loaded.config
        tools = [_with_status(t, self.overrides.get(("tool", t.id))) for t in config.tools]
        use_cases = [_with_status(u, self.overrides.get(("use_case", u.id))) for u in config.use_cases]
        self.effective = config.model_copy(update={"tools": tools, "use_cases": use_cases})

    def status(self) -> dict[str, Any]:
        last = self.last_reload
        return {
            "policy_version": self.loaded.digest,
            "source": self.loaded.source,
            "loaded_at": self.loaded_at.isoformat(),
            "last_reload": None if last is None else {"ok": last.ok, "at": last.at.isoformat(),
                                                      "problems": last.problems, "version": last.version},
            "overrides": [{"kind": o.kind, "target": o.target, "status": o.status, "reason": o.reason,
                           "changed_by": o.changed_by} for o in self.overrides.values()],
        }


def _with_status(item: Any, override: Override | None) -> Any:
    if override is None:
        return item
    return item.model_copy(update={"status": ToolStatus(override.status), "status_reason": override.reason})
