"""The learning journal of the tab API double: each person reads and changes only their own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from aiohttp import web

from tests.doubles.loopback_server import DoubleError, Handler, recorded
from tests.doubles.tab_api_world import PERSON_KEY, Json, World, check_version

SignedIn = Callable[[Handler], Handler]


def add_journal_routes(app: web.Application, api: str, world: World, signed_in: SignedIn) -> None:
    """GET/POST {api}/journal, PATCH/DELETE {api}/journal/{id}."""

    def mine(request: web.Request) -> list[Json]:
        return world.journals.setdefault(request[PERSON_KEY].id, [])

    def text_of(request: web.Request) -> str:
        text = (recorded(request).json or {}).get("text")
        if not isinstance(text, str) or not text.strip() or len(text) > 5000:
            raise DoubleError(400, {"error": "text must be 1 to 5000 characters", "field": "text"})
        return text.strip()

    def entry(request: web.Request, version: object) -> Json:
        for found in mine(request):
            if found["id"] == request.match_info["id"]:
                check_version(found, version)
                return found
        raise DoubleError(404, {"error": "no such entry"})

    async def listed(request: web.Request) -> web.Response:
        entries = sorted(mine(request), key=lambda e: str(e["written_at"]), reverse=True)
        return web.json_response({"entries": entries})

    async def written(request: web.Request) -> web.Response:
        new = {"id": world.new_id("entry"), "version": 1, "text": text_of(request),
               "written_at": datetime.now(UTC).isoformat()}  # fmt: skip
        mine(request).append(new)
        return web.json_response(new, status=201)

    async def edited(request: web.Request) -> web.Response:
        found = entry(request, (recorded(request).json or {}).get("version"))
        found.update(text=text_of(request), version=found["version"] + 1)
        return web.json_response(found)

    async def deleted(request: web.Request) -> web.Response:
        raw = request.query.get("version", "")
        mine(request).remove(entry(request, int(raw) if raw.isdigit() else raw))
        return web.Response(status=204)

    app.router.add_get(f"{api}/journal", signed_in(listed))
    app.router.add_post(f"{api}/journal", signed_in(written))
    app.router.add_patch(f"{api}/journal/{{id}}", signed_in(edited))
    app.router.add_delete(f"{api}/journal/{{id}}", signed_in(deleted))
