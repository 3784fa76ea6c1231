"""A loopback double of Tandem's tab API (/api/v1, as docs/tab-api.md agrees it) that also
serves the built tabs under /tab/ with the real teams_app.web.tab_routes, so a browser can run
the React tabs against it before the real API exists. Dev sign-in is always on."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web

from teams_app.web.tab_routes import TAB_BUILD, add_tab_routes
from tests.doubles.loopback_server import DoubleError, Handler, LoopbackServer, recorded
from tests.doubles.tab_api_cohort import CHARTS, chart_csv, cohort, dashboard
from tests.doubles.tab_api_journal import add_journal_routes
from tests.doubles.tab_api_world import (
    PERSON_KEY,
    RESOURCES,
    Json,
    Person,
    World,
    check_item_fields,
    check_version,
    demo_world,
    session,
)

API = "/api/v1"


class TabApiDouble(LoopbackServer):
    """`async with TabApiDouble() as api:` then open `api.origin + "/tab/my-mentoring"`."""

    def __init__(
        self,
        world: World | None = None,
        *,
        pairs: int = 40,
        unmatched: int = 6,
        build: Path = TAB_BUILD,
    ) -> None:
        super().__init__()
        self.world = world or demo_world()
        self.board = dashboard(cohort(pairs), unmatched)
        self.build = build
        self.tokens: dict[str, str] = {}

    def token_for(self, person_id: str) -> str:
        """A token as POST /dev/sign-in hands out."""
        token = f"dev-{person_id}-{secrets.token_hex(8)}"
        self.tokens[token] = person_id
        return token

    def revoke_tokens(self) -> None:
        """Every token stops working (an expired sign-in)."""
        self.tokens.clear()

    def _add_routes(self, app: web.Application) -> None:
        add_tab_routes(app, self.build)
        get, post = app.router.add_get, app.router.add_post
        get(f"{API}/dev/people", self._people)
        post(f"{API}/dev/sign-in", self._sign_in)
        for path, handler in (
            ("/me", self._me),
            ("/pairing", self._pairing),
            ("/sessions", self._sessions),
            ("/agreement", self._agreement),
            ("/resources", self._resources),
            ("/reflection", self._reflection),
            ("/admin/dashboard", self._dashboard),
            ("/admin/charts/{chart}.csv", self._chart),
            ("/admin/people/{id}/registration", self._registration),
            ("/admin/cases/{id}", self._case_note),
        ):
            get(API + path, self._signed_in(handler))
        for path, handler in (
            ("/sessions/offers", self._offers),
            ("/sessions", self._book),
            ("/sessions/{id}/move", self._move),
            ("/sessions/{id}/cancel", self._cancel),
            ("/agreement/items", self._add_item),
            ("/reflection", self._reflect),
            ("/admin/matching/run", self._run_matching),
            ("/admin/matching/publish", self._publish),
        ):
            post(API + path, self._signed_in(handler))
        app.router.add_patch(f"{API}/agreement/items/{{id}}", self._signed_in(self._edit_item))
        app.router.add_delete(f"{API}/agreement/items/{{id}}", self._signed_in(self._drop_item))
        add_journal_routes(app, API, self.world, self._signed_in)

    def _signed_in(self, handler: Handler) -> Handler:
        async def checked(request: web.Request) -> web.StreamResponse:
            header = request.headers.get("Authorization", "")
            person_id = self.tokens.get(header.removeprefix("Bearer "))
            if not header.startswith("Bearer ") or person_id is None:
                raise DoubleError(401, {"error": "a valid token is required"})
            request[PERSON_KEY] = self.world.people[person_id]
            return await handler(request)

        return checked

    @staticmethod
    def _admin(request: web.Request) -> Person:
        person = request[PERSON_KEY]
        if not person.is_admin:
            raise DoubleError(403, {"error": "only the programme's administrators may see this"})
        return person

    async def _people(self, request: web.Request) -> web.Response:
        people = [{"id": p.id, "name": p.name, "hint": p.hint} for p in self.world.people.values()]
        return web.json_response({"people": people})

    async def _sign_in(self, request: web.Request) -> web.Response:
        person_id = (recorded(request).json or {}).get("id")
        if person_id not in self.world.people:
            raise DoubleError(400, {"error": "no such demo person", "field": "id"})
        return web.json_response({"token": self.token_for(person_id)})

    async def _me(self, request: web.Request) -> web.Response:
        me = request[PERSON_KEY]
        return web.json_response(
            {
                "person": {
                    "id": me.id,
                    "name": me.name,
                    "email": me.email,
                    "is_admin": me.is_admin,
                },
                "programme": {"id": "together", "name": "UN Together Mentoring Programme"},
                "role": me.role,
                "stage": me.stage,
                "next_step": me.next_step,
            }
        )

    async def _pairing(self, request: web.Request) -> web.Response:
        pairing = self.world.pairing(request[PERSON_KEY].id, datetime.now(UTC))
        return web.json_response({"pairing": pairing})

    def _pair_sessions(self, request: web.Request) -> list[Json]:
        return self.world.sessions[self.world.pair_id_of(request[PERSON_KEY].id)]

    def _session(self, request: web.Request) -> Json:
        for found in self._pair_sessions(request):
            if found["id"] == request.match_info["id"]:
                check_version(found, (recorded(request).json or {}).get("version"))
                return found
        raise DoubleError(404, {"error": "no such session"})

    async def _sessions(self, request: web.Request) -> web.Response:
        now = datetime.now(UTC).isoformat()
        listed = sorted(self._pair_sessions(request), key=lambda s: str(s["starts_at"]))
        upcoming = [s for s in listed if s["status"] == "scheduled" and s["starts_at"] > now]
        past = [s for s in reversed(listed) if s not in upcoming]
        return web.json_response({"upcoming": upcoming, "past": past, "can_schedule": True})

    async def _offers(self, request: web.Request) -> web.Response:
        self.world.pair_id_of(request[PERSON_KEY].id)
        day = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
        starts = [
            day + timedelta(days=2),
            day + timedelta(days=3, hours=5),
            day + timedelta(days=6),
        ]
        offers = [
            {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat(),
             "label": f"{start:%a %d %b}, {start:%H:%M}–{start + timedelta(hours=1):%H:%M} UTC"}
            for start in starts
        ]  # fmt: skip
        return web.json_response({"offers": offers, "reason": None})

    @staticmethod
    def _starts_at(request: web.Request) -> datetime:
        try:
            return datetime.fromisoformat(str((recorded(request).json or {}).get("starts_at")))
        except ValueError:
            raise DoubleError(
                400, {"error": "starts_at must be a time", "field": "starts_at"}
            ) from None

    async def _book(self, request: web.Request) -> web.Response:
        booked = session(self.world, self._starts_at(request), "Mentoring session")
        self._pair_sessions(request).append(booked)
        return web.json_response(booked, status=201)

    async def _move(self, request: web.Request) -> web.Response:
        found, start = self._session(request), self._starts_at(request)
        found.update(
            starts_at=start.isoformat(),
            ends_at=(start + timedelta(hours=1)).isoformat(),
            version=found["version"] + 1,
        )
        return web.json_response(found)

    async def _cancel(self, request: web.Request) -> web.Response:
        found = self._session(request)
        found.update(status="cancelled", version=found["version"] + 1)
        return web.json_response(found)

    async def _agreement(self, request: web.Request) -> web.Response:
        pair_id = self.world.pair_id_of(request[PERSON_KEY].id)
        return web.json_response(
            {"items": self.world.items[pair_id], "history": self.world.history[pair_id]}
        )

    async def _add_item(self, request: web.Request) -> web.Response:
        me = request[PERSON_KEY]
        pair_id = self.world.pair_id_of(me.id)
        fields = check_item_fields(recorded(request).json or {}, partial=False)
        item = {"id": self.world.new_id("item"), "version": 1, **fields}
        self.world.items[pair_id].append(item)
        self.world.record(
            pair_id, me.id, item["id"], f"added “{item['action']}”", datetime.now(UTC)
        )
        return web.json_response(item, status=201)

    def _item(self, request: web.Request, version: object) -> tuple[str, Json]:
        pair_id = self.world.pair_id_of(request[PERSON_KEY].id)
        for item in self.world.items[pair_id]:
            if item["id"] == request.match_info["id"]:
                check_version(item, version)
                return pair_id, item
        raise DoubleError(404, {"error": "no such item"})

    async def _edit_item(self, request: web.Request) -> web.Response:
        body = recorded(request).json or {}
        pair_id, item = self._item(request, body.get("version"))
        fields = check_item_fields(body, partial=True)
        item.update(fields, version=item["version"] + 1)
        change = "changed " + ", ".join(sorted(fields)) if fields else "saved without change"
        self.world.record(pair_id, request[PERSON_KEY].id, item["id"], change, datetime.now(UTC))
        return web.json_response(item)

    async def _drop_item(self, request: web.Request) -> web.Response:
        raw = request.query.get("version", "")
        pair_id, item = self._item(request, int(raw) if raw.isdigit() else raw)
        self.world.items[pair_id].remove(item)
        change = f"deleted “{item['action']}”"
        self.world.record(pair_id, request[PERSON_KEY].id, item["id"], change, datetime.now(UTC))
        return web.Response(status=204)

    async def _resources(self, request: web.Request) -> web.Response:
        return web.json_response({"sections": RESOURCES})

    async def _reflection(self, request: web.Request) -> web.Response:
        if self.world.reflection is None:
            raise DoubleError(404, {"error": "no reflection yet"})
        return web.json_response(self.world.reflection)

    async def _reflect(self, request: web.Request) -> web.Response:
        reflection = self.world.reflection
        if reflection is None:
            raise DoubleError(404, {"error": "no reflection yet"})
        if reflection["answered"]:
            raise DoubleError(409, {"error": "Your answers were already received."})
        if not reflection["open"]:
            raise DoubleError(403, {"error": "the survey is not open yet"})
        self.world.reflection_answers = (recorded(request).json or {}).get("answers")
        reflection |= {"answered": True, "answered_at": datetime.now(UTC).isoformat()}
        return web.json_response(reflection, status=201)

    async def _dashboard(self, request: web.Request) -> web.Response:
        self._admin(request)
        return web.json_response(self.board)

    async def _chart(self, request: web.Request) -> web.Response:
        self._admin(request)
        chart = request.match_info["chart"]
        if chart not in CHARTS:
            raise DoubleError(404, {"error": "no such chart"})
        return web.Response(text=chart_csv(self.board, chart), content_type="text/csv")

    async def _run_matching(self, request: web.Request) -> web.Response:
        self._admin(request)
        summary = {"mentees": 46, "pairs": 40, "unmatched": 6, "certified_optimal": True}
        return web.json_response(summary)

    async def _publish(self, request: web.Request) -> web.Response:
        self._admin(request)
        self.world.published += 1
        return web.json_response({"published": 40, "messages_queued": 80})

    async def _case_note(self, request: web.Request) -> web.Response:
        admin = self._admin(request)
        reason = request.query.get("reason", "").strip()
        if not reason:
            raise DoubleError(400, {"error": "say why you read it", "field": "reason"})
        case = request.match_info["id"]
        if case not in ("1", "2"):
            raise DoubleError(404, {"error": "there is no such case"})
        self.world.audit.append({"by": admin.id, "case": case, "reason": reason})
        return web.json_response(
            {"id": int(case), "kind": "rematch", "category": "No rapport",
             "requester": "Mentee 0003", "note": "We never found a time that suited both."}
        )  # fmt: skip

    async def _registration(self, request: web.Request) -> web.Response:
        admin = self._admin(request)
        reason = request.query.get("reason", "").strip()
        if not reason:
            raise DoubleError(400, {"error": "say why you read it", "field": "reason"})
        person = self.world.people.get(request.match_info["id"])
        if person is None:
            raise DoubleError(404, {"error": "no such person"})
        self.world.audit.append({"by": admin.id, "person": person.id, "reason": reason})
        answers = [{"label": label, "value": value} for label, value in person.profile]
        confidential = [{"label": "Reasonable accommodation", "value": "None needed"}]
        return web.json_response(
            {"person": {"id": person.id, "name": person.name, "email": person.email},
             "answers": answers, "confidential": confidential}
        )  # fmt: skip
