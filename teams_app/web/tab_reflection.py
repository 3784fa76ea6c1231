"""The end-of-programme reflection and feedback survey in the personal tab: the bot's survey
(the same use case, the same rules), read and answered over HTTP."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from aiohttp import web

from teams_app.domain.pairing import Pairing
from teams_app.services.surveys import ReflectionRefused, ReflectionState, Surveys
from teams_app.web.tab_http import fail, identity, json_body, whole_number
from teams_app.web.tab_keys import MENTORING_KEY
from teams_app.web.tab_participant import pairing_query

SURVEYS_KEY: web.AppKey[Surveys | None] = web.AppKey("tab_surveys")
REFUSED = {
    "not_yours": HTTPStatus.NOT_FOUND,
    "not_open": HTTPStatus.FORBIDDEN,
    "answered": HTTPStatus.CONFLICT,
    "invalid": HTTPStatus.BAD_REQUEST,
}


async def _surveys_and_pairing(request: web.Request, chosen: int | None) -> tuple[Surveys, Pairing]:
    surveys = request.app[SURVEYS_KEY]
    if surveys is None:
        fail(HTTPStatus.NOT_FOUND, "this programme has no reflection survey")
    found = await request.app[MENTORING_KEY].pairing_of(identity(request).person, chosen)
    if found is None:
        fail(HTTPStatus.NOT_FOUND, "you have no pairing, so there is no reflection to answer")
    return surveys, found


async def reflection(request: web.Request) -> web.Response:
    """GET /api/v1/reflection: the caller's survey, whether it is open and answered."""
    surveys, pairing = await _surveys_and_pairing(request, pairing_query(request))
    now = request.app[MENTORING_KEY].now()
    try:
        state = await surveys.reflection(pairing, identity(request).person, now)
    except ReflectionRefused as refused:
        fail(REFUSED[refused.reason], str(refused))
    return web.json_response(reflection_json(surveys, state))


async def answer(request: web.Request) -> web.Response:
    """POST /api/v1/reflection: the caller's answers, stored once."""
    body = await json_body(request)
    raw = body.get("pairing")
    chosen = None if raw is None else whole_number(raw, "pairing")
    given = _answers(body.get("answers"))
    surveys, pairing = await _surveys_and_pairing(request, chosen)
    now = request.app[MENTORING_KEY].now()
    try:
        state = await surveys.answer(pairing, identity(request).person, given, now)
    except ReflectionRefused as refused:
        status = REFUSED[refused.reason]
        if not refused.problems:
            fail(status, str(refused))
        first = next(iter(refused.problems))
        problems = {f"answers.{key}": text for key, text in refused.problems.items()}
        message = f"answers.{first}: {refused.problems[first]}"
        return web.json_response(
            {"error": message, "field": f"answers.{first}", "problems": problems}, status=status
        )
    return web.json_response(reflection_json(surveys, state), status=HTTPStatus.CREATED)


def _answers(raw: object) -> dict[str, str]:
    """Question id to answer: text, a choice, or a rating as a number or a string."""
    if not isinstance(raw, dict):
        fail(
            HTTPStatus.BAD_REQUEST, "answers must be an object of question id to answer", "answers"
        )
    given: dict[str, str] = {}
    for key, value in raw.items():
        if isinstance(value, int) and not isinstance(value, bool):
            given[key] = str(value)
        elif isinstance(value, str):
            given[key] = value
        else:
            field = f"answers.{key}"
            fail(HTTPStatus.BAD_REQUEST, f"{field} must be a text or a whole number", field)
    return given


def reflection_json(surveys: Surveys, state: ReflectionState) -> dict[str, Any]:
    """The survey as the tab reads it: never anyone else's answers, not even the caller's."""
    survey = surveys.survey
    return {
        "pairing_id": state.pairing_id,
        "survey": {"id": survey.id, "title": survey.title, "intro": survey.intro},
        "questions": [
            {
                "id": q.id,
                "kind": q.kind.value,
                "text": q.text,
                "options": list(q.allowed),
                "required": q.required,
            }
            for q in state.questions
        ],
        "open": state.open,
        "opens_at": state.opens_at.isoformat(),
        "answered": state.answered_at is not None,
        "answered_at": None if state.answered_at is None else state.answered_at.isoformat(),
    }


ROUTES = (("GET", "/reflection", reflection), ("POST", "/reflection", answer))
