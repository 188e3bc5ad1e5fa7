"""How the gateway rides out a store (database) outage (issue 14). Hangs under `gateway.store`:

    gateway:
      store:
        auth_grace_s: 300        # a key verified this recently keeps working while the store is down
        probe_interval_s: 0.5    # how often the store is pinged (readiness, fast fail)
        probe_timeout_s: 0.8     # two pings in a row slower than this count as down
        lookup_timeout_s: 2.0    # a key look-up slower than this counts as a store failure

Revocation bound (see README "Store outages and key revocation"): a revoked key is refused at once by the
replica that revoked it and within `gateway.policy_poll_s` by every other replica; while the store is
unreachable, keys verified within `auth_grace_s` keep working and revocations seen before the outage apply.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from config.base import Strict


class StoreSettings(Strict):
    auth_grace_s: Annotated[float, Field(ge=0, le=3600)] = 300.0
    probe_interval_s: Annotated[float, Field(gt=0, le=60)] = 0.5
    probe_timeout_s: Annotated[float, Field(gt=0, le=60)] = 0.8  # two slow pings in a row: down
    lookup_timeout_s: Annotated[float, Field(gt=0, le=60)] = 2.0
