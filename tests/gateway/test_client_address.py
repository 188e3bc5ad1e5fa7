"""The audited client address cannot be spoofed: X-Forwarded-For counts only through trusted proxies, read
from the right; the socket peer is kept on the row as well."""

from __future__ import annotations

import ipaddress

import pytest
from starlette.requests import Request

from proxy.http.client_address import client_address
from tests.gateway.conftest import Harness, chat_body

PROXIES = [ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("fd00::/8")]


def request(peer: str, *forwarded: str) -> Request:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return Request({"type": "http", "method": "POST", "path": "/", "headers": headers, "client": (peer, 5000)})


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "one_hop", "client"),
    [
        ("127.0.0.1", ["6.6.6.6"], [], False, "127.0.0.1"),             # default: the header is ignored
        ("198.51.100.7", ["6.6.6.6"], PROXIES, False, "198.51.100.7"),  # peer is no proxy: ignored
        ("10.1.2.3", ["6.6.6.6, 203.0.113.9"], PROXIES, False, "203.0.113.9"),  # right-most untrusted
        ("10.1.2.3", ["203.0.113.9, 10.9.9.9"], PROXIES, False, "203.0.113.9"),  # trusted hops skipped
        ("10.1.2.3", ["6.6.6.6", "203.0.113.9"], PROXIES, False, "203.0.113.9"),  # repeated headers
        ("10.1.2.3", ["10.2.2.2"], PROXIES, False, "10.2.2.2"),          # all trusted: the left-most
        ("10.1.2.3", ["not-an-ip, 10.2.2.2"], PROXIES, False, "10.2.2.2"),  # junk ends the walk
        ("10.1.2.3", [], PROXIES, False, "10.1.2.3"),
        ("fd00::1", ["2001:db8::5"], PROXIES, False, "2001:db8::5"),
        ("127.0.0.1", ["6.6.6.6, 203.0.113.9"], [], True, "203.0.113.9"),  # one hop: right-most only
    ],
)
def test_client_is_the_right_most_untrusted_address(peer: str, forwarded: list[str], proxies: list[object],
                                                     one_hop: bool, client: str) -> None:
    address = client_address(request(peer, *forwarded), proxies, one_hop)  # type: ignore[arg-type]
    assert (address.client, address.peer) == (client, peer)


async def test_spoofed_header_from_loopback_is_not_audited_as_the_client(harness: Harness) -> None:
    response = await harness.post("/v1/chat/completions", chat_body(),
                                  headers={"x-forwarded-for": "6.6.6.6", "x-stainless-steward.socket_peer": "6.6.6.6"})
    row = await harness.audit_row(response.headers["x-request-id"])
    assert row["client_ip"] == "127.0.0.1"
    assert row["client_meta"]["steward.socket_peer"] == "127.0.0.1"

