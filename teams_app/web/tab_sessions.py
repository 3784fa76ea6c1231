"""Sessions from the tab: the same scheduling use cases as the bot's cards, answered as JSON."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus
from typing import Any, NoReturn

from aiohttp import web

from teams_app.domain.pairing import Pairing
from teams_app.domain.sessions import Session, SessionState, number_of
from teams_app.services.calendar_ports import SessionStore
from teams_app.services.late_views import LateView
from teams_app.services.pair_times import Pair
from teams_app.services.scheduling import CHANGED, NO_SESSION, SessionScheduling
from teams_app.services.session_context import ENDED, NOT_PAIRED, NOT_YOURS, first_name
from teams_app.services.session_views import (
    BookingView,
    OffersView,
    SchedulingNotice,
    SessionCardView,
)
from teams_app.web.tab_http import fail, identity, json_body, path_id, whole_number
from teams_app.web.tab_keys import MENTORING_KEY
from teams_app.web.tab_participant import pairing_query

UNAVAILABLE = "Scheduling is not available: no calendar is configured on this server."


@dataclass(frozen=True)
class TabScheduling:
    """Scheduling for the tab (None without a calendar) and where sessions are read."""

    sessions: SessionScheduling | None
    store: SessionStore


SCHEDULING_KEY: web.AppKey[TabScheduling] = web.AppKey("tab_scheduling")


async def _pairing(request: web.Request) -> Pairing | None:
    chosen = pairing_query(request)
    found = await request.app[MENTORING_KEY].pairing_of(identity(request).person, chosen)
    if found is None and chosen is not None:
        fail(HTTPStatus.NOT_FOUND, "this pairing is not one of yours")
    return found


def _scheduling(request: web.Request) -> SessionScheduling:
    sessions = request.app[SCHEDULING_KEY].sessions
    if sessions is None:
        fail(HTTPStatus.CONFLICT, UNAVAILABLE)
    return sessions


async def list_sessions(request: web.Request) -> web.Response:
    """GET /api/v1/sessions: upcoming and past sessions of my pair."""
    tab = request.app[SCHEDULING_KEY]
    pairing = await _pairing(request)
    if pairing is None or pairing.id is None:
        return web.json_response({"upcoming": [], "past": [], "can_schedule": False})
    partner = await _partner_name(request, pairing)
    now = request.app[MENTORING_KEY].now()
    booked = await tab.store.sessions_of(pairing.id)
    shown = [session_json(s, booked, partner, now) for s in booked]
    upcoming = [s for s in shown if s["status"] == SessionState.SCHEDULED]
    past = [s for s in reversed(shown) if s["status"] != SessionState.SCHEDULED]
    can = tab.sessions is not None and pairing.status == "active"
    return web.json_response({"upcoming": upcoming, "past": past, "can_schedule": can})


async def offers(request: web.Request) -> web.Response:
    """POST /api/v1/sessions/offers: free times for the pair's next session."""
    scheduling = _scheduling(request)
    pair = await _pair(request, scheduling)
    view = await scheduling.offers_now(pair, identity(request).person)
    if isinstance(view, SchedulingNotice):
        _refuse(view)
    partner = first_name(pair.partner_of(identity(request).person).name)
    length = scheduling.programme.sessions.length
    found = [
        {
            "starts_at": slot.start.isoformat(),
            "ends_at": (slot.start + length).isoformat(),
            "label": f"{slot.viewer_time} (for {partner}: {slot.partner_time})",
        }
        for slot in view.slots
    ]
    return web.json_response({"offers": found, "reason": view.empty_reason or view.notice})


async def book(request: web.Request) -> web.Response:
    """POST /api/v1/sessions {"starts_at"}: book that time as a Teams meeting."""
    scheduling = _scheduling(request)
    body = await json_body(request)
    start = _instant(body.get("starts_at"))
    pair = await _pair(request, scheduling)
    person = identity(request).person
    result = await scheduling.book(person, pair.id, start, secrets.token_hex(4))
    return await _answer(request, result, HTTPStatus.CREATED)


async def move(request: web.Request) -> web.Response:
    """POST /api/v1/sessions/{id}/move {"version", "starts_at"}."""
    scheduling = _scheduling(request)
    session_id = path_id(request)
    body = await json_body(request)
    version = whole_number(body.get("version"), "version")
    start = _instant(body.get("starts_at"))
    # The tab asks before it sends, so a move inside the notice period is already confirmed.
    result = await scheduling.move(identity(request).person, session_id, version, start, True)
    return await _answer(request, result, HTTPStatus.OK)


async def cancel(request: web.Request) -> web.Response:
    """POST /api/v1/sessions/{id}/cancel {"version", "message"?}."""
    scheduling = _scheduling(request)
    session_id = path_id(request)
    body = await json_body(request)
    version = whole_number(body.get("version"), "version")
    message = body.get("message") or ""
    if not isinstance(message, str):
        fail(HTTPStatus.BAD_REQUEST, "message must be text", "message")
    person = identity(request).person
    result = await scheduling.confirm_cancel(person, session_id, version, message)
    return await _answer(request, result, HTTPStatus.OK)


async def _answer(request: web.Request, result: object, success: HTTPStatus) -> web.Response:
    if isinstance(result, LateView):
        result.deliver_to(None)  # the finished card goes to the person's chat with Tandem
        result = result.placeholder
    if isinstance(result, BookingView):
        return web.json_response({"pending": True, "message": result.text}, status=202)
    if isinstance(result, SchedulingNotice):
        _refuse(result)
    if isinstance(result, OffersView):
        fail(HTTPStatus.CONFLICT, result.notice or "that time is no longer available")
    if not isinstance(result, SessionCardView):
        fail(HTTPStatus.CONFLICT, "the session could not be changed")
    if result.notice == CHANGED[0]:
        fail(HTTPStatus.CONFLICT, "the session changed since you read it: reload and try again")
    tab = request.app[SCHEDULING_KEY]
    session = await tab.store.get_session(result.session_id)
    if session is None:
        fail(HTTPStatus.NOT_FOUND, "the session is gone")
    booked = await tab.store.sessions_of(session.pairing_id)
    now = request.app[MENTORING_KEY].now()
    return web.json_response(
        session_json(session, booked, result.partner_name, now), status=success
    )


async def _pair(request: web.Request, scheduling: SessionScheduling) -> Pair:
    pairing = await _pairing(request)
    if pairing is None:
        _refuse(NOT_PAIRED)
    found = await scheduling.pair_of(identity(request).person, pairing.id)
    if not isinstance(found, Pair):
        _refuse(found if isinstance(found, SchedulingNotice) else NOT_YOURS)
    return found


def _refuse(notice: SchedulingNotice) -> NoReturn:
    if notice in (NO_SESSION, NOT_YOURS):
        fail(HTTPStatus.NOT_FOUND, notice.text)
    if notice in (NOT_PAIRED, ENDED) or (notice.retry is None and "e-mail" in notice.title):
        fail(HTTPStatus.CONFLICT, notice.text)
    fail(HTTPStatus.BAD_GATEWAY, f"{notice.title}. {notice.text}")


def _instant(raw: object) -> datetime:
    try:
        if not isinstance(raw, str):
            raise ValueError(raw)
        value = datetime.fromisoformat(raw)
    except ValueError:
        fail(HTTPStatus.BAD_REQUEST, "starts_at must be an ISO 8601 time", "starts_at")
    if value.tzinfo is None:
        fail(HTTPStatus.BAD_REQUEST, "starts_at needs a time zone offset", "starts_at")
    return value


async def _partner_name(request: web.Request, pairing: Pairing) -> str:
    me = identity(request).person
    partner = pairing.mentor if pairing.mentee == me else pairing.mentee
    found = await request.app[MENTORING_KEY].store_person(partner)
    return found.name if found else "your partner"


def session_json(session: Session, booked: Any, partner: str, now: datetime) -> dict[str, Any]:
    """A session as the tab reads it."""
    state = session.state(now) or SessionState.SCHEDULED
    return {
        "id": session.id,
        "version": session.version,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "subject": f"Session {number_of(session.starts_at, booked)} with {partner}",
        "join_url": session.join_url,
        "status": state.value,
    }


ROUTES = (
    ("GET", "/sessions", list_sessions),
    ("POST", "/sessions/offers", offers),
    ("POST", "/sessions", book),
    ("POST", "/sessions/{id}/move", move),
    ("POST", "/sessions/{id}/cancel", cancel),
)
