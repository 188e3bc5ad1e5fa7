"""Which address a request came from, in a way a caller cannot spoof.

The socket peer is the only address nobody can forge. `X-Forwarded-For` is read only when that peer is one
of `gateway.trusted_proxies` (CIDRs): walking the header from the right, every address that is itself a
trusted proxy is skipped, and the first one that is not is the client (the left-most entries are whatever
the client chose to send). `trust_forwarded_for: true` with no `trusted_proxies` trusts exactly one hop:
the socket peer, whose own entry is the right-most. Anything that does not parse as an IP address ends the
walk (the last trusted hop is the answer). uvicorn's own proxy-header handling is off (`steward serve`), so
the peer is the real socket peer.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.requests import Request

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class ClientAddress:
    client: str | None  # the audited client address
    peer: str | None    # the socket peer (a proxy, when there is one)


def _ip(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: Address, networks: Sequence[Network]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def client_address(request: Request, trusted_proxies: Sequence[Network], trust_one_hop: bool) -> ClientAddress:
    peer = request.client.host if request.client else None
    peer_ip = _ip(peer) if peer else None
    if peer_ip is None:
        return ClientAddress(peer, peer)
    one_hop = trust_one_hop and not trusted_proxies
    if not (one_hop or _trusted(peer_ip, trusted_proxies)):
        return ClientAddress(str(peer_ip), str(peer_ip))
    hops = [h for part in request.headers.getlist("x-forwarded-for") for h in part.split(",")]
    client = peer_ip
    for hop in reversed(hops):
        address = _ip(hop)
        if address is None:
            break
        client = address
        if one_hop or not _trusted(address, trusted_proxies):
            break
    return ClientAddress(str(client), str(peer_ip))
