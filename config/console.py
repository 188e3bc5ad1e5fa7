"""Settings of the governance console (`/console`, clauses 8.3.3, 9.2, 10.2, 11.4)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from config.base import Strict


class ConsoleSettings(Strict):
    enabled: bool = True
    session_ttl_s: Annotated[int, Field(ge=300, le=86_400)] = 8 * 3600  # a working day, then sign in again
    # Roles that may decrypt `full`-level content in the console (each decryption is in the access log).
    decrypt_roles: list[str] = Field(default_factory=lambda: ["auditor"])
