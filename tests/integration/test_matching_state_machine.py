"""Hypothesis drives the request / accept / decline / expire / withdraw machine on a real store."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from teams_app.domain.pairing import PairingStatus, RequestStatus
from teams_app.domain.people import Person
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.presets import load_programme
from teams_app.services.cohort_matching import CohortMatching
from teams_app.services.matching_views import MentorRequestView, SuggestionsView
from teams_app.services.mentor_requests import MentorRequests
from teams_app.storage.engine import create_engine
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.doubles.manual_clock import ManualClock
from tests.integration.matching_cohort import RecordingNotifier, add_applicant, cohort_of

# More mentors than mentees: after the optimal assignment the spare mentors appear on every
# mentee's list, so mentees compete for them. Capacity answers are clamped to Together's 1.
MENTORS = {"m1": "1", "m2": "2", "m3": "1", "m4": "1", "m5": "1"}
MENTEES = ("e1", "e2", "e3")
_TEMPLATE: list[Path] = []


def template_database() -> Path:
    """A migrated empty SQLite file, made once and copied for each example."""
    if not _TEMPLATE:
        path = Path(tempfile.mkdtemp()) / "template.db"
        asyncio.run(upgrade(f"sqlite+aiosqlite:///{path}"))
        _TEMPLATE.append(path)
    return _TEMPLATE[0]


class MatchingMachine(RuleBasedStateMachine):
    """Random sequences of mentee and mentor actions; the invariants hold after each step."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.directory = Path(tempfile.mkdtemp())
        database = self.directory / "tandem.db"
        shutil.copy(template_database(), database)
        self.clock = ManualClock()
        self.store = SqlStore(create_engine(f"sqlite+aiosqlite:///{database}"), self.clock, None)
        programme = load_programme("together")
        self.programme = programme
        self.notifier = RecordingNotifier()
        parts = (self.store, self.clock, programme, questionnaire_for(programme), self.notifier)
        self.requests = MentorRequests(*parts)
        self.matching = CohortMatching(*parts)
        self.closed: dict[int, RequestStatus] = {}
        self.run(self._setup())

    def run(self, step: Any) -> Any:
        return self.loop.run_until_complete(step)

    async def _setup(self) -> None:
        cohort = await cohort_of(self.store, self.programme)
        self.cohort_id = cohort.id
        for key, capacity in MENTORS.items():
            await add_applicant(self.store, cohort, key, "mentor", {"capacity": capacity})
        for key in MENTEES:
            await add_applicant(self.store, cohort, key, "mentee")
        await self.matching.publish(cohort)

    def teardown(self) -> None:
        self.run(self.store.close())
        self.loop.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    @rule(mentee=st.sampled_from(MENTEES), data=st.data())
    def choose(self, mentee: str, data: st.DataObject) -> None:
        suggestions = self.run(self.store.get_suggestions(self.cohort_id, mentee))
        if suggestions is None or not suggestions.mentors:
            return
        listed = [entry.mentor for entry in suggestions.mentors]
        picks = data.draw(st.lists(st.sampled_from(listed), unique=True, min_size=1, max_size=3))
        view = self.run(
            self.requests.choose(Person(mentee, "", mentee), picks, suggestions.version)
        )
        assert isinstance(view, SuggestionsView)

    @rule(
        mentee=st.sampled_from(MENTEES), picks=st.lists(st.sampled_from(list(MENTORS)), max_size=4)
    )
    def choose_anything(self, mentee: str, picks: list[str]) -> None:
        suggestions = self.run(self.store.get_suggestions(self.cohort_id, mentee))
        if suggestions is None:
            return
        view = self.run(
            self.requests.choose(Person(mentee, "", mentee), picks, suggestions.version)
        )
        assert isinstance(view, SuggestionsView)

    @rule(data=st.data(), accept=st.booleans(), replay=st.booleans())
    def answer(self, data: st.DataObject, accept: bool, replay: bool) -> None:
        pending = self.run(self.store.list_requests(self.cohort_id, status=RequestStatus.PENDING))
        if not pending:
            return
        request = data.draw(st.sampled_from(pending))
        assert request.id is not None
        person = Person(request.mentor, "", request.mentor)
        for _ in range(2 if replay else 1):
            view = self.run(self.requests.answer(person, request.id, request.version, accept, ""))
            assert isinstance(view, MentorRequestView)

    @rule(days=st.integers(min_value=1, max_value=4))
    def time_passes(self, days: int) -> None:
        self.clock.advance(days=days)
        self.run(self.requests.expire_overdue())

    @rule(mentee=st.sampled_from(MENTEES))
    def withdraw(self, mentee: str) -> None:
        suggestions = self.run(self.store.get_suggestions(self.cohort_id, mentee))
        if suggestions is not None:
            self.run(self.requests.withdraw(Person(mentee, "", mentee), suggestions.version))

    @invariant()
    def capacities_pairs_and_requests_stay_within_the_rules(self) -> None:
        pairings = self.run(self.store.pairings(self.cohort_id, status=PairingStatus.ACTIVE))
        limit = self.programme.matching.max_mentor_capacity
        for mentor in MENTORS:
            assert sum(p.mentor == mentor for p in pairings) <= limit
        for mentee in MENTEES:
            assert sum(p.mentee == mentee for p in pairings) <= 1
        assert all(p.mentee != p.mentor for p in pairings)
        requests = self.run(self.store.list_requests(self.cohort_id))
        for mentee in MENTEES:
            pending = [
                r for r in requests if r.mentee == mentee and r.status is RequestStatus.PENDING
            ]
            assert len(pending) <= 1
            if any(p.mentee == mentee for p in pairings):
                assert not pending
        for request in requests:
            assert request.id is not None
            if request.id in self.closed:  # a closed request never changes again
                assert request.status is self.closed[request.id]
            elif request.status.closed:
                self.closed[request.id] = request.status
        accepted = {(r.mentee, r.mentor) for r in requests if r.status is RequestStatus.ACCEPTED}
        assert {(p.mentee, p.mentor) for p in pairings} <= accepted


MatchingMachine.TestCase.settings = settings(
    max_examples=50,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_request_state_machine_keeps_capacity_pairs_and_closed_requests = MatchingMachine.TestCase
