"""Authentication while the key store is unreachable (issue 14) and revocation that wins over the cache
(issue 10 item 5). The store is a fake whose failures are the real driver exceptions."""

from __future__ import annotations

import pytest
from sqlalchemy import exc as sa_exc

from audit.outage import error_kind, is_store_error
from proxy.http.errors import StoreUnavailable, Unauthenticated
from proxy.identity.auth import Authenticator, KeyCachePolicy, Principal, digest_key

KEY = "stw_abcd1234_secret"
OTHER = "stw_ffff0000_other"


class FakeStore:
    def __init__(self) -> None:
        self.down: BaseException | None = None
        self.revoked: set[str] = set()
        self.calls = 0

    async def lookup(self, digest: str) -> Principal | None:
        self.calls += 1
        if self.down is not None:
            raise self.down
        if digest in self.revoked:
            return None
        return Principal(user_id="alice", display_name="Alice", roles=("staff",), department="", key_id="abcd1234",
                         digest=digest)


def auth_for(store: FakeStore, *, ttl: float = 0.0, grace: float = 300.0,
             up: list[bool] | None = None) -> Authenticator:
    state = up if up is not None else [True]
    return Authenticator([], store.lookup, KeyCachePolicy(ttl_s=ttl, grace_s=grace), lambda: state[0],
                         lambda exc: state.__setitem__(0, False))


OUTAGES = [ConnectionRefusedError(111, "refused"), OSError(101, "unreachable"), TimeoutError(),
           sa_exc.OperationalError("SELECT 1", {}, ConnectionResetError(104, "reset")),
           sa_exc.TimeoutError("QueuePool limit reached")]


@pytest.mark.parametrize("failure", OUTAGES, ids=lambda e: type(e).__name__)
async def test_recently_verified_key_survives_outage(failure: BaseException) -> None:
    store = FakeStore()
    auth = auth_for(store)
    assert (await auth.authenticate(f"Bearer {KEY}")).user_id == "alice"
    store.down = failure
    assert (await auth.authenticate(f"Bearer {KEY}")).user_id == "alice"  # from the cache, ttl 0 notwithstanding
    with pytest.raises(StoreUnavailable) as refused:  # never seen before: cannot be checked, fail closed
        await auth.authenticate(f"Bearer {OTHER}")
    assert refused.value.status == 503 and refused.value.code == "store_unavailable"
    assert refused.value.headers.get("retry-after") == "1"


async def test_grace_is_bounded() -> None:
    store = FakeStore()
    auth = auth_for(store, grace=0.0)
    await auth.authenticate(f"Bearer {KEY}")
    store.down = ConnectionRefusedError(111, "refused")
    with pytest.raises(StoreUnavailable):
        await auth.authenticate(f"Bearer {KEY}")


async def test_known_down_store_is_not_asked_again() -> None:
    store = FakeStore()
    up = [True]
    auth = auth_for(store, up=up)
    await auth.authenticate(f"Bearer {KEY}")
    store.down = ConnectionRefusedError(111, "refused")
    await auth.authenticate(f"Bearer {KEY}")
    assert up == [False]  # the failure was reported to the store monitor
    calls = store.calls
    await auth.authenticate(f"Bearer {KEY}")
    assert store.calls == calls


async def test_revocation_seen_before_outage_still_applies() -> None:
    store = FakeStore()
    auth = auth_for(store)
    await auth.authenticate(f"Bearer {KEY}")
    store.revoked.add(digest_key(KEY))
    with pytest.raises(Unauthenticated):
        await auth.authenticate(f"Bearer {KEY}")  # the store says revoked
    store.down = ConnectionRefusedError(111, "refused")
    with pytest.raises(Unauthenticated):
        await auth.authenticate(f"Bearer {KEY}")  # the cached answer is the revocation, not the old principal


async def test_revoked_beats_a_fresh_cache_entry() -> None:
    store = FakeStore()
    auth = auth_for(store, ttl=60.0)
    await auth.authenticate(f"Bearer {KEY}")
    auth.revoked([digest_key(KEY)])
    with pytest.raises(Unauthenticated):
        await auth.authenticate(f"Bearer {KEY}")
    store.down = ConnectionRefusedError(111, "refused")
    with pytest.raises(Unauthenticated):
        await auth.authenticate(f"Bearer {KEY}")


async def test_a_bug_is_not_an_outage() -> None:
    store = FakeStore()
    store.down = KeyError("roles")
    with pytest.raises(KeyError):
        await auth_for(store).authenticate(f"Bearer {KEY}")
    assert not is_store_error(KeyError("roles")) and not is_store_error(ValueError("x"))


def test_error_kind_names_class_and_errno_only() -> None:
    assert error_kind(ConnectionRefusedError(111, "secret detail")) == "ConnectionRefusedError(111)"
    wrapped = sa_exc.OperationalError("SELECT secret", {}, ConnectionResetError(104, "reset"))
    assert "secret" not in error_kind(wrapped) and "ConnectionResetError" in error_kind(wrapped)


def test_unconfigured_tool_names_the_variable_to_admins_only() -> None:
    from config.loader import parse_config
    from policies.resolve import ToolNotConfigured, resolve_tool
    from proxy.pipeline import refusal_error

    config = parse_config("""
version: 1
tools:
  - {id: far, provider: openai, base_url: "http://far.test/v1", api_key_env: STEWARD_TEST_NEVER_SET_KEY,
     models: [far-model], category: public}
roles:
  staff: {tools: [far]}
""", "t.yaml").config
    with pytest.raises(ToolNotConfigured) as refused:
        resolve_tool(config, ["staff"], "far-model")
    caller = refusal_error(refused.value, ("staff",))
    admin = refusal_error(refused.value, ("admin",))
    assert (caller.status, caller.code) == (503, "tool_not_configured")
    assert "STEWARD_TEST_NEVER_SET_KEY" not in caller.message and "STEWARD_TEST_NEVER_SET_KEY" in admin.message
