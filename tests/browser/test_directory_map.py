"""The care-resource map in Debian's Chromium: Leaflet draws the tiles the test serves
from a local tile server (agencies run closed networks: no public tiles), the page keeps
its content security policy, and passes axe-core's WCAG 2.2 AA rules with the map and
without it."""

import struct
import threading
import zlib
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from anxin.people.roles import Role
from anxin.resources.directory.services import directory_map_save
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, sign_in, text
from tests.resources.directory_base import make_entry, make_plan

CARE = "長期照顧等家庭照顧資訊及資源"


def _png() -> bytes:
    """A 256×256 pale-grey PNG tile."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xee" * 256 for _ in range(256))
    header = struct.pack(">IIBBBBB", 256, 256, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def tile_server():
    tile = _png()
    served: list[str] = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            served.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", served
    server.shutdown()


@pytest.mark.browser
def test_the_map_draws_local_tiles_and_passes_the_audit(
    page, watch, base_url, people, org, tile_server
):
    origin, served = tile_server
    authority = org["authority"]
    make_plan(authority)
    owner = people[Role.EAP_ADMIN].user
    for name, district, lat, lon in (
        ("日間照顧", "信義區", "25.033", "121.5673"),
        ("居家服務", "士林區", "25.0924", "121.5265"),
    ):
        make_entry(
            authority, owner, organisation="長照機構", name=name, category=CARE,
            district=district, latitude=Decimal(lat), longitude=Decimal(lon),
            verified_on=date.today(),
        )  # fmt: skip
    employee = people[Role.EMPLOYEE]
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)

    # Without a tile source: the list by district, with distances from a chosen place.
    page.goto(f"{base_url}/resources/directory/map/")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Care-resource map"))
    expect(page.locator("#care-map")).to_have_count(0)
    page.get_by_label(text("Distance from a resource")).select_option(label="長照機構 日間照顧")
    with page.expect_navigation():
        page.get_by_role("button", name=text("Show")).click()
    expect(page.get_by_role("heading", name="士林區")).to_be_visible()
    expect(page.get_by_text(text("%(km)s km", km="0.0"))).to_be_visible()
    audit(page, watch)

    # With the operator's tile server: Leaflet draws its tiles and the two markers.
    directory_map_save(
        authority=authority, tile_url=f"{origin}/{{z}}/{{x}}/{{y}}.png", attribution="測試圖磚"
    )
    page.goto(f"{base_url}/resources/directory/map/")
    expect(page.locator("#care-map[data-ready='1']")).to_have_count(1)
    expect(page.locator("#care-map img.leaflet-tile-loaded").first).to_be_visible()
    expect(page.locator("#care-map .leaflet-marker-icon")).to_have_count(2)
    assert served, "the map asked the local tile server for nothing"
    audit(page, watch)
