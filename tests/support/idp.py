"""A local identity provider for tests: locally generated RSA / EC keys, a JWKS served over loopback HTTP,
and tokens signed with PyJWT (the same library the gateway verifies with, but a different code path)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

ISSUER = "https://login.example.test/tenant-1/v2.0"
AUDIENCE = "api://steward"


@dataclass
class SigningKey:
    kid: str
    alg: str
    private: Any

    @classmethod
    def rsa(cls, kid: str | None = None) -> SigningKey:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return cls(kid or uuid.uuid4().hex[:8], "RS256", key)

    @classmethod
    def ec(cls, kid: str | None = None) -> SigningKey:
        return cls(kid or uuid.uuid4().hex[:8], "ES256", ec.generate_private_key(ec.SECP256R1()))

    def jwk(self) -> dict[str, Any]:
        algo = RSAAlgorithm if self.alg == "RS256" else ECAlgorithm
        data: dict[str, Any] = algo.to_jwk(self.private.public_key(), as_dict=True)
        return {**data, "kid": self.kid, "alg": self.alg, "use": "sig"}


@dataclass
class IdentityProvider:
    keys: list[SigningKey] = field(default_factory=lambda: [SigningKey.rsa()])
    up: bool = True
    hits: int = 0
    url: str = ""

    def jwks(self) -> dict[str, Any]:
        return {"keys": [k.jwk() for k in self.keys]}

    def token(self, key: SigningKey | None = None, ttl: float = 600, **claims: Any) -> str:
        key = key or self.keys[0]
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "u-1001", "name": "Priya Shah", "department": "Revenues",
                   "roles": ["Steward.Staff"], "iat": now, "nbf": now, "exp": int(now + ttl), **claims}
        payload = {k: v for k, v in payload.items() if v is not None}
        return jwt.encode(payload, key.private, algorithm=key.alg, headers={"kid": key.kid})


class _Handler(BaseHTTPRequestHandler):
    idp: IdentityProvider

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.idp.hits += 1
        if not self.idp.up:
            self.send_response(503)
            self.end_headers()
            return
        body = json.dumps(self.idp.jwks()).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return


@contextmanager
def serve_idp(idp: IdentityProvider) -> Iterator[IdentityProvider]:
    handler = type("Handler", (_Handler,), {"idp": idp})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    idp.url = f"http://127.0.0.1:{server.server_address[1]}/discovery/v2.0/keys"
    try:
        yield idp
    finally:
        server.shutdown()
        server.server_close()
