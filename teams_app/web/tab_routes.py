"""The tabs' front end: the Vite build of tab/ served under /tab/ (pages and hashed assets)."""

from __future__ import annotations

import re
from http import HTTPStatus
from pathlib import Path

from aiohttp import web

from teams_app.config import PROJECT_ROOT

TAB_BUILD = PROJECT_ROOT / "tab" / "dist"
TAB_BUILD_KEY: web.AppKey[Path] = web.AppKey("tab_build", Path)

# Every page is the same single-page app; it picks its view from the path.
PAGES = ("my-mentoring", "dashboard", "configure")
_ASSET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}")

# Teams, Outlook and the Microsoft 365 app frame the tabs (Microsoft's tab requirements);
# Fluent UI writes its styles at run time, hence the inline styles; teams-js fetches the list of
# valid host origins from Microsoft's CDN (it falls back to a built-in list without it).
_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "connect-src 'self' https://res.cdn.office.net",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com"
        " https://*.cloud.microsoft https://*.microsoft365.com https://*.office.com"
        " https://outlook.office.com https://outlook.office365.com",
    ]
)
_PAGE_HEADERS = {
    "Cache-Control": "no-cache",
    "Content-Security-Policy": _CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
# Asset names carry a content hash: a new build has new names, so they never go stale.
_ASSET_HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
}

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tandem: the tab is not built</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto;">
<h1>The tab is not built yet</h1>
<p>Tandem serves its tabs from <code>tab/dist</code>, which is missing on this server.
Build it with <code>make run</code> (which builds it when its sources change) or
<code>npm ci &amp;&amp; npm run build:tab</code>, then reload this page.</p>
</body></html>
"""


def add_tab_routes(app: web.Application, build: Path = TAB_BUILD) -> None:
    """Serve /tab/<page> (the app's index.html) and /tab/assets/* from `build`."""
    app[TAB_BUILD_KEY] = build
    for page in PAGES:
        app.router.add_get(f"/tab/{page}", tab_page)
    app.router.add_get("/tab/assets/{name}", tab_asset)


async def tab_page(request: web.Request) -> web.StreamResponse:
    """GET /tab/<page>: the single-page app, or a 503 page saying how to build it."""
    index = request.app[TAB_BUILD_KEY] / "index.html"
    if not index.is_file():
        return web.Response(
            text=NOT_BUILT,
            content_type="text/html",
            status=HTTPStatus.SERVICE_UNAVAILABLE,
            headers={"Cache-Control": "no-store", "Retry-After": "60"},
        )
    return web.FileResponse(index, headers=_PAGE_HEADERS)


async def tab_asset(request: web.Request) -> web.StreamResponse:
    """GET /tab/assets/<name>: one file of the build, cached for a year (names are hashed)."""
    name = request.match_info["name"]
    path = request.app[TAB_BUILD_KEY] / "assets" / name
    if not _ASSET_NAME.fullmatch(name) or ".." in name or not path.is_file():
        return web.json_response({"error": "no such asset"}, status=HTTPStatus.NOT_FOUND)
    return web.FileResponse(path, headers=_ASSET_HEADERS)
