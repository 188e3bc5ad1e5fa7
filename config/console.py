"""Settings of the governance console (`/console`, clauses 8.3.3, 9.2, 10.2, 11.4)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from config.base import Strict


class ConsoleOidc(Strict):
    """Sign-in through the organisation's identity provider: the authorization-code flow with PKCE (S256).

    The tokens are verified by the top-level `oidc` section (issuer, JWKS, role mapping) exactly as API
    callers' tokens are: the access token gives the person and their roles; the ID token's nonce, audience
    (`client_id`) and signature tie the answer to this sign-in.
    """

    authorization_url: Annotated[str, Field(pattern=r"^https?://")]
    token_url: Annotated[str, Field(pattern=r"^https?://")]
    client_id: Annotated[str, Field(min_length=1)]
    client_secret_env: str | None = None  # confidential clients; a public client relies on PKCE alone
    redirect_url: str | None = None  # default: this gateway's /console/login/callback
    scopes: list[str] = Field(default_factory=lambda: ["openid", "profile"])
    timeout_s: Annotated[float, Field(gt=0, le=60)] = 5.0


class ConsoleSettings(Strict):
    enabled: bool = True
    session_ttl_s: Annotated[int, Field(ge=300, le=86_400)] = 8 * 3600  # a working day, then sign in again
    # Roles that may decrypt `full`-level content in the console (each decryption is in the access log).
    decrypt_roles: list[str] = Field(default_factory=lambda: ["auditor"])
    oidc: ConsoleOidc | None = None  # "Sign in with your organisation account" (needs the `oidc` section)
