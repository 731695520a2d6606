"""An address below a page goes to its page, query kept, never off the site (router/addresses.py); the server's
answers to these addresses: tests/browser/test_dashboard_browser.py."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from router.addresses import page_address

SITE = "http://host:8501"
BASE = "/dang-uy/"  # server.baseUrlPath, for the addresses below it and one outside it (`/khac/…`)
BASED = ("/dang-uy", "/khac/")
# address asked → where the browser lands
LANDS = {
    "/a/b": "/a",
    "/tong-quan/x?nam=2024&don_vi=21469-2015&don_vi=21439-2025": "/tong-quan?nam=2024&don_vi=21469-2015&don_vi=21439-2025",
    "/tong-quan/": "/tong-quan",
    "/a/b/c/?nam=2024": "/a?nam=2024",
    "/dang-uy/ket-nap/x?nam=2022": "/dang-uy/ket-nap?nam=2022",
    "//evil.com/x": "/",
    "/\\evil.com/x": "/",
    "/%2e%2e/x": "/",
    "/a%2Fb/c": "/",
}
STAYS = ["/", "/tong-quan", "/trang-khong-ton-tai", "/favicon.png", "/_stcore/stream", "/_stcore/health",
         "/static/js/index.js", "/static/media/font.woff2", "/media/abc.png", "/component/name/index.html",
         "/app/static/logo.png", "/auth/login", "/ket-nap/_stcore/health", "/a/b/_stcore/host-config",
         "/dang-uy", "/dang-uy/", "/dang-uy/ket-nap", "/dang-uy/_stcore/health", "/khac/a/b"]


def _base(address: str) -> str:
    return BASE if address.startswith(BASED) else ""


@pytest.mark.parametrize(("address", "landing"), LANDS.items())
def test_a_nested_address_goes_to_its_first_part_on_this_site(address, landing):
    path, _, query = address.partition("?")
    target = page_address(path, query, _base(address))
    assert target.startswith("../")  # relative to the address asked: a proxy's prefix stays
    landed = urlsplit(urljoin(SITE + address, target))
    assert (landed.netloc, landed.path + (f"?{landed.query}" if landed.query else "")) == ("host:8501", landing)


@pytest.mark.parametrize("address", STAYS)
def test_a_page_and_streamlits_own_addresses_are_left_to_streamlit(address):
    assert page_address(address, "nam=2024", _base(address)) is None
