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
from teams_app.web.tab_keys import MENTORING_KEY


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


STAGES = {
    "not_registered": "not registered",
    "draft": "application in progress",
    "registered": "registered",
    "suggestions_waiting": "suggestions waiting",
    "request_pending": "request pending",
    "paired": "paired",
    "ended": "mentorship ended",
}


def _dev(request: web.Request) -> DevSignIn:
    found = request.app[DEV_KEY]
    if found is None:
        fail(HTTPStatus.NOT_FOUND, "not found")
    return found


async def dev_people(request: web.Request) -> web.Response:
    """GET /api/v1/dev/people: the demo people (dev mode only)."""
    dev = _dev(request)
    mentoring = request.app[MENTORING_KEY]
    people = []
    for p in dev.people:
        # Where they stand now, from the database: `make run` without the demo cohort has
        # nobody registered, with it mentees and mentors, later pairs.
        standing = await mentoring.standing(p.person.aad_object_id)
        stage = STAGES.get(standing.stage, standing.stage.replace("_", " "))
        where = f"{standing.role.value}, {stage}" if standing.role else stage
        hint = ", ".join(part for part in (where, p.hint) if part)
        people.append({"id": p.person.aad_object_id, "name": p.person.name, "hint": hint})
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
