"""Dev mode's sign-in: choose one of the demo people and get a token the server signs itself.

The token is checked by the same validator as a Teams SSO token; outside dev mode both
routes answer 404, as if they did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus

from aiohttp import web

from teams_app.domain.people import Person
from teams_app.services.ports import Clock, Store
from teams_app.web.tab_auth import DevKeys, TokenRules, dev_claims
from teams_app.web.tab_http import fail, json_body


@dataclass(frozen=True)
class DevPerson:
    """A person one may sign in as, with a hint of who they are in the demo."""

    person: Person
    hint: str


@dataclass(frozen=True)
class DevSignIn:
    """What dev sign-in needs: the people offered, the key and the token rules."""

    people: tuple[DevPerson, ...]
    keys: DevKeys
    rules: TokenRules
    store: Store
    clock: Clock


DEV_KEY: web.AppKey[DevSignIn | None] = web.AppKey("tab_dev_sign_in")


def _dev(request: web.Request) -> DevSignIn:
    found = request.app[DEV_KEY]
    if found is None:
        fail(HTTPStatus.NOT_FOUND, "not found")
    return found


async def dev_people(request: web.Request) -> web.Response:
    """GET /api/v1/dev/people: the demo people (dev mode only)."""
    dev = _dev(request)
    people = [
        {"id": p.person.aad_object_id, "name": p.person.name, "hint": p.hint} for p in dev.people
    ]
    return web.json_response({"people": people})


async def dev_sign_in(request: web.Request) -> web.Response:
    """POST /api/v1/dev/sign-in {"id"}: a token for that person (dev mode only)."""
    dev = _dev(request)
    body = await json_body(request)
    person_id = body.get("id")
    if not isinstance(person_id, str) or not person_id.strip():
        fail(HTTPStatus.BAD_REQUEST, "id must be the id of one of the demo people", "id")
    person = await dev.store.get_person(person_id)
    if person is None:
        fail(HTTPStatus.NOT_FOUND, "nobody with this id is known to Tandem")
    claims = dev_claims(dev.rules, person.aad_object_id, person.name, person.email, dev.clock.now())
    return web.json_response({"token": dev.keys.sign(claims)})
