"""The Mentorship Agreement and the learning journal over HTTP."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from aiohttp import web

from teams_app.domain.agreement import AgreementItem, InvalidField, JournalEntry
from teams_app.domain.pairing import StaleRecord
from teams_app.services.agreements import NotYours, PairingEnded
from teams_app.web.tab_http import Handler, fail, identity, json_body, path_id, whole_number
from teams_app.web.tab_keys import AGREEMENTS_KEY
from teams_app.web.tab_participant import pairing_query

STALE = "it changed since you read it: reload and try again"


def guarded(handler: Handler) -> Handler:
    """Map the use case's refusals to their HTTP answers."""

    async def run(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except InvalidField as error:
            fail(HTTPStatus.BAD_REQUEST, str(error), error.field)
        except NotYours as error:
            fail(HTTPStatus.NOT_FOUND, str(error))
        except (StaleRecord, PairingEnded) as error:
            message = STALE if isinstance(error, StaleRecord) else str(error)
            fail(HTTPStatus.CONFLICT, message)

    return run


def _version(raw: object) -> int:
    if raw is None:
        fail(HTTPStatus.BAD_REQUEST, "version is required", "version")
    return whole_number(raw, "version")


@guarded
async def agreement(request: web.Request) -> web.Response:
    """GET /api/v1/agreement."""
    view = await request.app[AGREEMENTS_KEY].read(identity(request).person, pairing_query(request))
    if view is None:
        return web.json_response({"pairing_id": None, "items": [], "history": []})
    history = [
        {
            "at": change.at.isoformat(),
            "by": change.by,
            "by_name": view.names.get(change.by, "A participant"),
            "item_id": change.item_id,
            "change": change.change,
        }
        for change in view.history
    ]
    items = [item_json(item) for item in view.items]
    return web.json_response({"pairing_id": view.pairing.id, "items": items, "history": history})


@guarded
async def add_item(request: web.Request) -> web.Response:
    """POST /api/v1/agreement/items."""
    body = await json_body(request)
    item = await request.app[AGREEMENTS_KEY].add(
        identity(request).person, pairing_query(request), body
    )
    return web.json_response(item_json(item), status=HTTPStatus.CREATED)


@guarded
async def change_item(request: web.Request) -> web.Response:
    """PATCH /api/v1/agreement/items/{id}."""
    item_id = path_id(request)
    body = await json_body(request)
    version = _version(body.pop("version", None))
    item = await request.app[AGREEMENTS_KEY].change(
        identity(request).person, item_id, version, body
    )
    return web.json_response(item_json(item))


@guarded
async def remove_item(request: web.Request) -> web.Response:
    """DELETE /api/v1/agreement/items/{id}?version=N."""
    item_id = path_id(request)
    version = _version(request.query.get("version"))
    await request.app[AGREEMENTS_KEY].remove(identity(request).person, item_id, version)
    return web.Response(status=HTTPStatus.NO_CONTENT)


@guarded
async def journal(request: web.Request) -> web.Response:
    """GET /api/v1/journal: the caller's own entries."""
    entries = await request.app[AGREEMENTS_KEY].journal(identity(request).person)
    return web.json_response({"entries": [entry_json(e) for e in entries]})


@guarded
async def write_entry(request: web.Request) -> web.Response:
    """POST /api/v1/journal."""
    body = await json_body(request)
    entry = await request.app[AGREEMENTS_KEY].write(identity(request).person, body.get("text"))
    return web.json_response(entry_json(entry), status=HTTPStatus.CREATED)


@guarded
async def rewrite_entry(request: web.Request) -> web.Response:
    """PATCH /api/v1/journal/{id}."""
    entry_id = path_id(request)
    body = await json_body(request)
    version = _version(body.get("version"))
    entry = await request.app[AGREEMENTS_KEY].rewrite(
        identity(request).person, entry_id, version, body.get("text")
    )
    return web.json_response(entry_json(entry))


@guarded
async def erase_entry(request: web.Request) -> web.Response:
    """DELETE /api/v1/journal/{id}?version=N."""
    entry_id = path_id(request)
    version = _version(request.query.get("version"))
    await request.app[AGREEMENTS_KEY].erase(identity(request).person, entry_id, version)
    return web.Response(status=HTTPStatus.NO_CONTENT)


def item_json(item: AgreementItem) -> dict[str, Any]:
    """An agreement item as the tab reads it."""
    return {
        "id": item.id,
        "version": item.version,
        "goal": item.goal,
        "action": item.action,
        "owner": item.owner.value,
        "due": item.due.isoformat() if item.due else None,
        "status": item.status.value,
    }


def entry_json(entry: JournalEntry) -> dict[str, Any]:
    """A journal entry as its author reads it."""
    return {
        "id": entry.id,
        "version": entry.version,
        "written_at": entry.written_at.isoformat(),
        "text": entry.text,
    }


ROUTES: tuple[tuple[str, str, Callable[[web.Request], Awaitable[web.StreamResponse]]], ...] = (
    ("GET", "/agreement", agreement),
    ("POST", "/agreement/items", add_item),
    ("PATCH", "/agreement/items/{id}", change_item),
    ("DELETE", "/agreement/items/{id}", remove_item),
    ("GET", "/journal", journal),
    ("POST", "/journal", write_entry),
    ("PATCH", "/journal/{id}", rewrite_entry),
    ("DELETE", "/journal/{id}", erase_entry),
)
