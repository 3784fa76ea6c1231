"""The end-of-programme reflection and feedback survey: sent to each of an active pair on
the programme's end date, answered once on the card, checked here, stored privately.

A Submit is compare-and-set on the (survey, pairing, person) row: a double click, a replayed
invoke or a later Submit finds the first answers and changes nothing. Answers are shown to no
one but their author; administrators get only the aggregate (`summary`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from teams_app.domain.applications import Cohort
from teams_app.domain.follow_ups import FollowUpKey, FollowUpKind, pair_ends_at, survey_open
from teams_app.domain.jobs import Job, JobStatus
from teams_app.domain.pairing import Pairing
from teams_app.domain.programme import Programme, Role
from teams_app.domain.survey import (
    QuestionSummary,
    Survey,
    SurveyQuestion,
    SurveyResponse,
    check_answers,
    summarise,
)
from teams_app.services.follow_ups import DueFollowUp

# Card inputs carry this prefix, so no question id can collide with the button's data keys.
ANSWER_PREFIX = "q_"


class SurveyStore(Protocol):
    """What the survey reads and writes."""

    async def save_survey_response(self, response: SurveyResponse) -> tuple[SurveyResponse, bool]:
        """Store the answers unless already answered; (stored, True) or (earlier, False)."""
        ...

    async def survey_response_of(
        self, survey_id: str, pairing_id: int, person: str
    ) -> SurveyResponse | None:
        """A person's own answers, or None."""
        ...

    async def survey_answer_sets(self, survey_id: str) -> Sequence[dict[str, str]]:
        """Every submission's answers without their authors."""
        ...

    async def get_pairing(self, pairing_id: int) -> Pairing | None:
        """A pairing by id, in any status."""
        ...

    async def get_cohort(self, cohort_id: int) -> Cohort | None:
        """A cohort by id."""
        ...

    async def get_job(self, key: str) -> Job | None:
        """A job by its key."""
        ...


@dataclass(frozen=True)
class SurveyView:
    """The survey card: questions to answer, or (submitted) the thanks."""

    programme_name: str
    pairing_id: int
    survey_id: str
    title: str
    intro: str
    questions: tuple[SurveyQuestion, ...]
    values: Mapping[str, str] = field(default_factory=dict)
    problems: Mapping[str, str] = field(default_factory=dict)
    submitted: bool = False
    notice: str | None = None


@dataclass(frozen=True)
class SurveyNotice:
    """A survey action that could not be done, and why; nothing was stored."""

    title: str
    text: str


@dataclass(frozen=True)
class SurveySummaryView:
    """The aggregate for administrators: how many answered, counts per option."""

    programme_name: str
    survey_id: str
    responses: int
    questions: tuple[QuestionSummary, ...]


@dataclass(frozen=True)
class ReflectionState:
    """The survey as the tab shows it to one person of a pairing."""

    pairing_id: int
    role: Role
    questions: tuple[SurveyQuestion, ...]
    open: bool
    opens_at: datetime
    answered_at: datetime | None


class ReflectionRefused(Exception):
    """The tab's answers were not stored (nothing changed): `reason` is "not_yours",
    "not_open", "answered" or "invalid" (then `problems` by question id)."""

    def __init__(
        self, reason: str, message: str, problems: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.problems = dict(problems or {})


NOT_YOURS = SurveyNotice("Survey not found", "This survey is not one of yours. Nothing was saved.")
CLOSED = SurveyNotice("This survey is closed", "It belongs to another edition. Nothing was saved.")
THANKS = "Thank you: your answers are saved. Only the programme team sees them, added up."
ALREADY = "Your answers were already received, so nothing was changed. Thank you!"


class Surveys:
    """Sending, answering and summarising the programme's survey."""

    def __init__(
        self, store: SurveyStore, programme: Programme, survey: Survey, admins: Sequence[str]
    ) -> None:
        self._store = store
        self._programme = programme
        self.survey = survey
        self._admins = frozenset(admins)

    async def for_follow_up(self, due: DueFollowUp) -> SurveyView | None:
        """The survey card for a due end-of-programme job; None if already answered."""
        pairing_id = due.pairing.id or 0
        person = due.recipient.aad_object_id
        if await self._store.survey_response_of(self.survey.id, pairing_id, person):
            return None
        return self._view(pairing_id, due.key.role)

    async def submit(self, person: str, data: Mapping[str, object]) -> SurveyView | SurveyNotice:
        """Check and store a person's answers once; problems come back on the same card."""
        pairing_id, survey_id = data.get("pairing"), data.get("survey")
        if not isinstance(pairing_id, int) or isinstance(pairing_id, bool):
            return NOT_YOURS
        if not isinstance(survey_id, str) or survey_id != self.survey.id:
            return CLOSED
        pairing = await self._store.get_pairing(pairing_id)
        role = None if pairing is None else pairing.role_of(person)
        if role is None:
            return NOT_YOURS
        earlier = await self._store.survey_response_of(survey_id, pairing_id, person)
        if earlier is not None:
            return self._view(pairing_id, role, submitted=True, notice=ALREADY)
        given = {
            key.removeprefix(ANSWER_PREFIX): value
            for key, value in data.items()
            if key.startswith(ANSWER_PREFIX) and isinstance(value, str)
        }
        checked = check_answers(self.survey, role, given)
        if checked.problems:
            return self._view(pairing_id, role, values=given, problems=checked.problems)
        response = SurveyResponse(survey_id, pairing_id, person, role, checked.answers)
        _, fresh = await self._store.save_survey_response(response)
        return self._view(pairing_id, role, submitted=True, notice=THANKS if fresh else ALREADY)

    async def reflection(self, pairing: Pairing, person: str, now: datetime) -> ReflectionState:
        """The survey for a person of `pairing`: open as the bot's end-of-programme
        follow-up decides, and whether they answered. Only a person of a pairing of this
        edition's cohort may see it."""
        cohort = await self._store.get_cohort(pairing.cohort_id)
        edition = (self._programme.id, self._programme.edition)
        role, pairing_id = pairing.role_of(person), pairing.id
        this_edition = cohort is not None and (cohort.programme_id, cohort.name) == edition
        if role is None or pairing_id is None or not this_edition:
            raise ReflectionRefused("not_yours", "this pairing has no survey of yours")
        key = FollowUpKey(pairing_id, FollowUpKind.END_SURVEY, "1", role)
        job = await self._store.get_job(str(key))
        sent = job is not None and job.status is JobStatus.DONE
        earlier = await self._store.survey_response_of(self.survey.id, pairing_id, person)
        answered = earlier.submitted_at if earlier is not None else None
        return ReflectionState(
            pairing_id,
            role,
            self.survey.for_role(role),
            survey_open(self._programme, pairing, now, sent),
            pair_ends_at(self._programme, pairing),
            answered if isinstance(answered, datetime) else None,
        )

    async def answer(
        self, pairing: Pairing, person: str, given: Mapping[str, str], now: datetime
    ) -> ReflectionState:
        """Check and store the tab's answers once, as the card's Submit does; raises
        ReflectionRefused (nothing stored) when not open, answered already or invalid."""
        state = await self.reflection(pairing, person, now)
        if state.answered_at is not None:
            raise ReflectionRefused("answered", ALREADY)
        if not state.open:
            opens = state.opens_at.date().isoformat()
            raise ReflectionRefused("not_open", f"the survey opens on {opens}; nothing was saved")
        asked = {q.id for q in state.questions}
        problems = {
            key: "This is not a question of your survey." for key in given if key not in asked
        }
        checked = check_answers(self.survey, state.role, given)
        problems |= checked.problems
        if problems:
            raise ReflectionRefused("invalid", "some answers need another look", problems)
        response = SurveyResponse(
            self.survey.id, state.pairing_id, person, state.role, checked.answers
        )
        stored, fresh = await self._store.save_survey_response(response)
        if not fresh:
            raise ReflectionRefused("answered", ALREADY)
        at = stored.submitted_at
        return replace(state, answered_at=at if isinstance(at, datetime) else now)

    async def summary(self, admin: str) -> SurveySummaryView | SurveyNotice:
        """The aggregate of every answer, for a programme administrator only."""
        if admin not in self._admins:
            return SurveyNotice(
                "For programme administrators only",
                "Survey results are shown only to the programme's administrators, and only "
                "added up. Nothing was shown.",
            )
        sets = await self._store.survey_answer_sets(self.survey.id)
        return SurveySummaryView(
            self._programme.name, self.survey.id, len(sets), tuple(summarise(self.survey, sets))
        )

    def _view(
        self,
        pairing_id: int,
        role: Role,
        *,
        values: Mapping[str, str] | None = None,
        problems: Mapping[str, str] | None = None,
        submitted: bool = False,
        notice: str | None = None,
    ) -> SurveyView:
        return SurveyView(
            self._programme.name,
            pairing_id,
            self.survey.id,
            self.survey.title,
            self.survey.intro,
            self.survey.for_role(role),
            dict(values or {}),
            dict(problems or {}),
            submitted,
            notice,
        )
