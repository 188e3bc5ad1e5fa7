"""Process settings from the environment (never from import-time globals: call `Settings.from_env()`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    config_path: Path | None = None  # None: the embedded default configuration
    data_dir: Path = Path("data")
    log_level: str = "info"
    log_format: str = "json"  # "json" (production) or "console" (development)
    database_url: str | None = None  # overrides the config's gateway.audit.url

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if environ is None else environ
        config = env.get("STEWARD_CONFIG")
        values: dict[str, object] = {
            "config_path": Path(config) if config else None,
            "data_dir": Path(env.get("STEWARD_DATA_DIR", "data")),
            "log_level": env.get("STEWARD_LOG_LEVEL", "info").lower(),
            "log_format": env.get("STEWARD_LOG_FORMAT", "json").lower(),
            "database_url": env.get("STEWARD_DATABASE_URL") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def resolve_database_url(self, configured: str) -> str:
        """Resolve a relative SQLite path in the configured URL against the data folder."""
        url = self.database_url or configured
        prefix = "sqlite+aiosqlite:///"
        if url.startswith(prefix):
            path = url[len(prefix):]
            if path and path != ":memory:" and not path.startswith("/"):
                return prefix + str((self.data_dir / path).resolve())
        return url
