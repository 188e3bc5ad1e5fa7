"""/docs and /redoc work offline: every script, stylesheet and icon they load is served by the gateway."""

from __future__ import annotations

import re

from tests.gateway.conftest import Harness


async def test_docs_pages_load_assets_from_the_gateway(harness: Harness) -> None:
    for page in ("/docs", "/redoc"):
        resp = await harness.client.get(page)
        assert resp.status_code == 200
        assets = re.findall(r'(?:src|href)=["\']([^"\']+)["\']', resp.text)
        assets += re.findall(r"url: ['\"]([^'\"]+)['\"]", resp.text)
        assert assets, resp.text
        for asset in assets:
            assert asset.startswith("/"), f"{page} loads {asset} from elsewhere"
            assert (await harness.client.get(asset)).status_code == 200, asset
        assert "cdn." not in resp.text and "fonts.googleapis" not in resp.text
