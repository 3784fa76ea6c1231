"""The administrators' tab: the dashboard (JSON and CSV per chart), matching and publishing
(the channel's and the CLI's use cases), and audited reads of a registration."""

from __future__ import annotations

import csv
import io
from http import HTTPStatus
from typing import Any

from aiohttp import web

from teams_app.domain.programme import Role
from teams_app.services.admin_reads import AdminApplicationView, ReadRefused
from teams_app.services.case_queue import CaseMissing, NoteRefused, case_queue, read_note
from teams_app.services.cohort_matching import NothingToMatch
from teams_app.services.dashboard import DashboardView, chart_rows
from teams_app.web.tab_http import fail, identity, path_id
from teams_app.web.tab_keys import ADMIN_KEY, MENTORING_KEY

CHARTS = (
    "funnel",
    "pairs_by_duty_station",
    "pairs_by_grade",
    "pairs_by_language",
    "pairs_by_entity",
    "sessions_per_month",
    "first_contact_days",
    "nudges",
    "unmatched",
    "without_contact",
)


async def _admin(request: web.Request) -> str:
    person = identity(request).person
    if not await request.app[MENTORING_KEY].is_admin(person):
        fail(HTTPStatus.FORBIDDEN, "only programme administrators may see this")
    return person


async def dashboard(request: web.Request) -> web.Response:
    """GET /api/v1/admin/dashboard."""
    await _admin(request)
    services = request.app[ADMIN_KEY]
    view = await services.dashboard.view()
    body = dashboard_json(view)
    queue = () if view.cohort_id is None else await case_queue(services.cases, view.cohort_id)
    body["queue"] = [
        {
            "id": q.id,
            "kind": q.kind,
            "pair": q.pair,
            "opened_at": q.opened_at.isoformat(),
            "status": q.status,
        }
        for q in queue
    ]
    return web.json_response(body)


async def chart_csv(request: web.Request) -> web.Response:
    """GET /api/v1/admin/charts/{chart}.csv."""
    await _admin(request)
    chart = request.match_info["chart"]
    if chart not in CHARTS:
        fail(HTTPStatus.NOT_FOUND, f"no chart {chart!r}; charts: {', '.join(CHARTS)}")
    view = await request.app[ADMIN_KEY].dashboard.view()
    header, rows = chart_rows(view).get(chart, (("label", "count"), ()))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return web.Response(
        text=out.getvalue(),
        content_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{chart}.csv"'},
    )


async def run_matching(request: web.Request) -> web.Response:
    """POST /api/v1/admin/matching/run: the optimal matching of the unpaired; changes nothing."""
    await _admin(request)
    matching = request.app[ADMIN_KEY].matching
    try:
        cohort = await matching.find(None)
        result, participants = await matching.run(cohort)
    except NothingToMatch as error:
        fail(HTTPStatus.CONFLICT, str(error))
    people = participants.people

    def name(key: str) -> str:
        return people[key].name if key in people else key

    return web.json_response(
        {
            "cohort_id": cohort.id,
            "mode": matching.programme.matching.mode.value,
            "objective": result.objective,
            "certified_optimal": result.certified_optimal,
            "matched": len(result.pairs),
            "pairs": [
                {
                    "mentee": name(p.mentee),
                    "mentor": name(p.mentor),
                    "score": p.score,
                    "reasons": list(p.reasons),
                }
                for p in result.pairs
            ],
            "unmatched": [{"mentee": name(u.mentee), "rule": u.reason} for u in result.unmatched],
        }
    )


async def publish(request: web.Request) -> web.Response:
    """POST /api/v1/admin/matching/publish: send the matching out, as `publish` does."""
    admin = await _admin(request)
    matching = request.app[ADMIN_KEY].matching
    try:
        cohort = await matching.find(None)
        report = await matching.publish(cohort, actor=admin)
    except NothingToMatch as error:
        fail(HTTPStatus.CONFLICT, str(error))
    return web.json_response(
        {
            "cohort_id": cohort.id,
            "mode": report.mode.value,
            "suggestions_sent": report.suggestions_sent,
            "pairs_created": report.pairs_created,
            "unmatched": report.unmatched,
            "already_published": report.already_published,
            "unreachable": report.unreachable,
        }
    )


async def case_note(request: web.Request) -> web.Response:
    """GET /api/v1/admin/cases/{id}?reason=…: a case's confidential note; each read audited."""
    admin = await _admin(request)
    services = request.app[ADMIN_KEY]
    case_id = path_id(request)
    try:
        note = await read_note(
            services.cases, services.clock, admin, case_id, request.query.get("reason", "")
        )
    except (ValueError, CaseMissing):
        fail(HTTPStatus.NOT_FOUND, "there is no such case")
    except NoteRefused as refused:
        fail(HTTPStatus.BAD_REQUEST, str(refused), "reason")
    return web.json_response(
        {
            "id": note.id,
            "kind": note.kind,
            "category": note.category,
            "requester": note.requester,
            "note": note.note,
        }
    )


async def registration(request: web.Request) -> web.Response:
    """GET /api/v1/admin/people/{id}/registration?reason=…&role=…: audited, admins only."""
    caller = identity(request).person
    reads = request.app[ADMIN_KEY].reads
    reason = request.query.get("reason", "")
    person = await request.app[MENTORING_KEY].store_person(request.match_info["id"])
    email = person.email if person else request.match_info["id"]
    roles = _roles(request.query.get("role"))
    refusal = "nobody with this id is known to Tandem"
    for role in roles:
        try:
            view = await reads.application(caller, email, role, reason)
        except ReadRefused as refused:
            if not await request.app[MENTORING_KEY].is_admin(caller):
                fail(HTTPStatus.FORBIDDEN, "only programme administrators may read registrations")
            if not " ".join(reason.split()):
                fail(HTTPStatus.BAD_REQUEST, "say why you read this record", "reason")
            refusal = str(refused) if person else refusal
            continue
        return web.json_response(registration_json(view))
    fail(HTTPStatus.NOT_FOUND, refusal)


def _roles(raw: str | None) -> tuple[Role, ...]:
    if raw is None:
        return (Role.MENTEE, Role.MENTOR)
    try:
        return (Role(raw),)
    except ValueError:
        fail(HTTPStatus.BAD_REQUEST, "role must be mentee or mentor", "role")


def registration_json(view: AdminApplicationView) -> dict[str, Any]:
    """A whole registration, confidential answers marked."""
    return {
        "person": {"id": view.person.aad_object_id, "name": view.person.name},
        "role": view.application.role,
        "status": view.application.status.value,
        "sections": [
            {
                "title": section.step.title,
                "lines": [
                    {"label": line.label, "value": line.value, "confidential": line.confidential}
                    for line in section.lines
                ],
            }
            for section in view.sections
        ],
    }


def dashboard_json(view: DashboardView) -> dict[str, Any]:
    """The dashboard as the tab draws it."""
    f = view.figures

    def counts(pairs: Any) -> list[dict[str, Any]]:
        return [{"label": label, "count": n} for label, n in pairs]

    return {
        "cohort_id": view.cohort_id,
        "cohort_notice": view.notice,
        "funnel": [{"stage": stage, "count": n} for stage, n in f.funnel],
        "pairs_by": {name: counts(pairs) for name, pairs in f.pairs_by.items()},
        "sessions_per_month": [{"month": m, "count": n} for m, n in f.sessions_per_month],
        "first_contact_days": counts(f.first_contact_days),
        "nudges": [{"kind": k, "outcome": o, "count": n} for k, o, n in f.nudges],
        "unmatched": [{"mentee": u.mentee, "rule": u.rule} for u in view.unmatched],
        "without_contact": [
            {
                "pairing_id": p.pairing_id,
                "mentee": p.mentee,
                "mentor": p.mentor,
                "days": view.days_without_contact(p.started_at),
            }
            for p in f.without_contact
        ],
    }


ROUTES = (
    ("GET", "/admin/dashboard", dashboard),
    ("GET", "/admin/charts/{chart}.csv", chart_csv),
    ("POST", "/admin/matching/run", run_matching),
    ("POST", "/admin/matching/publish", publish),
    ("GET", "/admin/people/{id}/registration", registration),
    ("GET", "/admin/cases/{id}", case_note),
)
