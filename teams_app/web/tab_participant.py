"""The participant's reads: who I am and where I stand, and my pairing."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from aiohttp import web

from teams_app.services.my_mentoring import PairingTabView
from teams_app.web.tab_http import fail, identity, whole_number
from teams_app.web.tab_keys import MENTORING_KEY, RESOURCES_KEY


async def me(request: web.Request) -> web.Response:
    """GET /api/v1/me: the person, the programme, their role and stage, and the next step."""
    caller = identity(request)
    mentoring = request.app[MENTORING_KEY]
    person = await mentoring.store_person(caller.person)
    standing = await mentoring.standing(caller.person)
    programme = mentoring.programme
    return web.json_response(
        {
            "person": {
                "id": caller.person,
                "name": person.name if person else caller.name,
                "email": person.email if person else caller.email,
                "is_admin": await mentoring.is_admin(caller.person),
            },
            "programme": {"id": programme.id, "name": programme.name},
            "role": standing.role.value if standing.role else None,
            "stage": standing.stage,
            "next_step": standing.next_step,
        }
    )


def pairing_query(request: web.Request) -> int | None:
    """The optional `pairing` query parameter (for people with several pairings)."""
    raw = request.query.get("pairing")
    return None if raw is None else whole_number(raw, "pairing")


async def pairing(request: web.Request) -> web.Response:
    """GET /api/v1/pairing: my pairing and my partner's public profile, or null."""
    caller = identity(request)
    mentoring = request.app[MENTORING_KEY]
    chosen = pairing_query(request)
    found = await mentoring.pairing_of(caller.person, chosen)
    if found is None:
        if chosen is not None:
            fail(HTTPStatus.NOT_FOUND, "this pairing is not one of yours")
        return web.json_response({"pairing": None, "pairings": []})
    view = await mentoring.pairing_view(caller.person, found)
    others = [
        await mentoring.pairing_view(caller.person, p)
        for p in await mentoring.pairings(caller.person)
    ]
    return web.json_response(
        {
            "pairing": pairing_json(view),
            "pairings": [
                {
                    "id": o.pairing.id,
                    "partner_name": o.partner.name,
                    "status": o.pairing.status.value,
                }
                for o in others
            ],
        }
    )


def pairing_json(view: PairingTabView) -> dict[str, Any]:
    """A pairing as the tab reads it."""
    partner = view.partner
    return {
        "id": view.pairing.id,
        "status": view.pairing.status.value,
        "started_at": view.pairing.started_at.isoformat(),
        "my_role": view.my_role.value,
        "partner": {
            "id": partner.id,
            "name": partner.name,
            "email": partner.email,
            "languages": list(partner.languages),
            "duty_station": partner.duty_station,
            "time_zone": partner.time_zone,
            "local_time": partner.local_time,
            "profile": [{"label": line.label, "value": line.value} for line in partner.profile],
        },
    }


async def resources(request: web.Request) -> web.Response:
    """GET /api/v1/resources: the programme's guides, section by section."""
    sections = [
        {"id": s.id, "title": s.title, "intro": s.intro, "items": list(s.items)}
        for s in request.app[RESOURCES_KEY]
    ]
    return web.json_response({"sections": sections})
