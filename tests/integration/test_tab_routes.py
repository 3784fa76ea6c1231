"""The tabs' pages and assets as the aiohttp app serves them (teams_app/web/tab_routes.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from teams_app.web.tab_routes import PAGES, add_tab_routes
from tests.integration.conftest import Running

INDEX = '<!doctype html><html><body><div id="root"></div></body></html>'


def fake_build(root: Path) -> Path:
    """A build folder shaped like Vite's: index.html and one hashed asset."""
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(INDEX)
    (root / "assets" / "index-AbC123.js").write_text("console.log('tab');")
    return root


async def client_for(build: Path) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    app = web.Application()
    add_tab_routes(app, build)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        yield client


@pytest.fixture
async def built(tmp_path: Path) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    async for client in client_for(fake_build(tmp_path / "dist")):
        yield client


@pytest.fixture
async def unbuilt(tmp_path: Path) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    async for client in client_for(tmp_path / "missing"):
        yield client


@pytest.mark.parametrize("page", PAGES)
async def test_every_tab_page_is_the_single_page_app_never_cached_and_frameable_by_teams(
    built: TestClient,  # type: ignore[type-arg]
    page: str,
) -> None:
    response = await built.get(f"/tab/{page}", params={"theme": "dark"})
    assert response.status == 200
    assert await response.text() == INDEX
    assert response.content_type == "text/html"
    assert response.headers["Cache-Control"] == "no-cache"
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://teams.microsoft.com" in csp
    assert "https://*.cloud.microsoft" in csp and "script-src 'self'" in csp


async def test_hashed_assets_are_cached_for_a_year(built: TestClient) -> None:  # type: ignore[type-arg]
    response = await built.get("/tab/assets/index-AbC123.js")
    assert response.status == 200
    assert await response.text() == "console.log('tab');"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "javascript" in response.content_type


@pytest.mark.parametrize("name", ["nope.js", "..%2Findex.html", ".hidden", "a..b.js"])
async def test_an_unknown_or_escaping_asset_name_is_not_found(
    built: TestClient,  # type: ignore[type-arg]
    name: str,
) -> None:
    response = await built.get(f"/tab/assets/{name}")
    assert response.status == 404
    assert await response.json() == {"error": "no such asset"}


async def test_a_missing_build_answers_503_with_how_to_build_it(
    unbuilt: TestClient,  # type: ignore[type-arg]
) -> None:
    response = await unbuilt.get("/tab/my-mentoring")
    assert response.status == 503
    text = await response.text()
    assert "The tab is not built yet" in text and "make run" in text
    assert response.headers["Cache-Control"] == "no-store"


async def test_the_tab_routes_are_mounted_on_tandems_web_app(running: Running) -> None:
    response = await running.client.get("/tab/assets/not-there-0.js")
    assert response.status == 404
    assert await response.json() == {"error": "no such asset"}
    page = await running.client.get("/tab/dashboard")
    assert page.status in (200, 503)
    assert page.content_type == "text/html"
