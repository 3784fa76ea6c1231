"""Sign-up: the questionnaire step by step, saved as it goes, reviewed, submitted, withdrawn."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from datetime import date

from teams_app.domain.applications import (
    Application,
    ApplicationStatus,
    Cohort,
    StaleApplication,
)
from teams_app.domain.audit import AuditEntry
from teams_app.domain.eligibility import ApplicationFacts, check_application
from teams_app.domain.people import Person
from teams_app.domain.programme import Programme, Role
from teams_app.domain.questionnaire import ROLE_QUESTION, Questionnaire, Step, validate_step
from teams_app.services.ports import Clock, Store
from teams_app.services.signup_answers import (
    SUMMARY_STEP,
    facts_from,
    field_views,
    merge_step,
    next_steps,
    summary_sections,
)
from teams_app.services.signup_views import (
    ApplicationSummary,
    ConfirmationView,
    NoticeView,
    RefusalView,
    RegistrationView,
    SignUpView,
    StepView,
    SummaryView,
)

log = logging.getLogger(__name__)

STALE_NOTICE = "This card was out of date, so nothing was saved from it. Here is where you are."
OPEN_COHORT = "registration"
RESUME_GREETING = "Welcome back: your earlier answers are saved, so you continue where you stopped."


class SignUp:
    """The sign-up use cases of one programme edition."""

    def __init__(
        self, store: Store, clock: Clock, programme: Programme, questionnaire: Questionnaire
    ) -> None:
        self._store = store
        self._clock = clock
        self._programme = programme
        self._questionnaire = questionnaire

    async def identify(
        self, aad_object_id: str, name: str, email_of: Callable[[], Awaitable[str | None]]
    ) -> Person:
        """The person behind an activity, recorded on first contact when HR did not import them.

        `email_of` asks Teams for the e-mail; it runs only for someone Tandem does not know.
        """
        known = await self._store.get_person(aad_object_id)
        if known is not None:
            return known
        email = await email_of()
        if email:
            adopted = await self._store.adopt_placeholder(email, aad_object_id)
            if adopted is not None:
                return adopted
        person = Person(aad_object_id, email or f"{aad_object_id}@unknown.invalid", name)
        await self._store.upsert_person(person)
        return person

    async def start(self, person: Person, role: Role) -> SignUpView:
        """Begin or resume an application; refuse with reasons when the person may not apply."""
        cohort = await self._cohort()
        application = await self._store.get_application(cohort.id, person.aad_object_id, role)
        if application is not None and application.status is not ApplicationStatus.WITHDRAWN:
            if application.status is ApplicationStatus.SUBMITTED:
                return await self.registration(person)
            return await self._resume(person, application, greeting=RESUME_GREETING)
        if cohort.status != OPEN_COHORT:
            return NoticeView("Registration is closed", self._closed_reason())
        others = await self._other_roles(person, cohort, role)
        refusals = check_application(
            self._programme, role, facts_from(person, {}, others, self._questionnaire), self._today
        )
        if refusals:
            suggested = next((r.suggested_role for r in refusals if r.suggested_role), None)
            return RefusalView(
                self._programme.name, role, tuple(r.message for r in refusals), suggested
            )
        if application is None:
            application = Application(cohort.id, person.aad_object_id, role.value)
        fresh = replace(application, status=ApplicationStatus.DRAFT, step=self._steps(role)[0].id)
        return await self._resume(person, await self._store.save_application(fresh))

    async def next(
        self, person: Person, role: Role, step_id: str, raw: Mapping[str, object], version: int
    ) -> SignUpView:
        """Check and save one step's answers, then show the next step (or the summary)."""
        application = await self._current(person, role)
        if application is None:
            return _nothing_to_continue()
        if application.version != version:
            return await self._resume(person, application, STALE_NOTICE)
        inputs = {**raw, ROLE_QUESTION: role.value}
        result = validate_step(self._questionnaire, role, step_id, inputs, self._today)
        if not result.ok:
            return self._step_view(person, application, step_id, result.errors, raw)
        step_after = self._step_after(role, step_id, application)
        updated = merge_step(self._questionnaire, application, step_id, result.answers)
        try:
            saved = await self._store.save_application(replace(updated, step=step_after))
        except StaleApplication:
            return await self._resume(person, application, STALE_NOTICE)
        return await self._resume(person, saved)

    async def back(self, person: Person, role: Role, step_id: str, version: int) -> SignUpView:
        """The step before `step_id`, without saving the card that was open."""
        application = await self._current(person, role)
        if application is None:
            return _nothing_to_continue()
        steps = self._steps(role)
        index = next((i for i, s in enumerate(steps) if s.id == step_id), 0)
        return self._step_view(person, application, steps[max(index - 1, 0)].id)

    async def edit(self, person: Person, role: Role, step_id: str) -> SignUpView:
        """A step opened from the summary or from `my registration`."""
        cohort = await self._cohort()
        application = await self._current(person, role, cohort)
        if application is None:
            return _nothing_to_continue()
        if cohort.status != OPEN_COHORT:
            return await self.registration(person)
        known = {step.id for step in self._steps(role)}
        if step_id not in known:
            return await self._resume(person, application, STALE_NOTICE)
        return self._step_view(person, application, step_id)

    async def submit(self, person: Person, role: Role, version: int) -> SignUpView:
        """Submit after the review, when every required answer is there and the rules allow."""
        cohort = await self._cohort()
        application = await self._current(person, role, cohort)
        if application is None:
            return _nothing_to_continue()
        if application.version != version:
            return await self._resume(person, application, STALE_NOTICE)
        if cohort.status != OPEN_COHORT and application.status is not ApplicationStatus.SUBMITTED:
            return NoticeView("Registration is closed", self._closed_reason())
        summary = self._summary(application)
        if summary.missing:
            return summary
        was_submitted = application.status is ApplicationStatus.SUBMITTED
        refusal = await self._refusal_on_submit(person, cohort, application, was_submitted)
        if refusal is not None:
            return refusal
        now = self._clock.now()
        submitted = replace(
            application,
            status=ApplicationStatus.SUBMITTED,
            step=SUMMARY_STEP,
            submitted_at=application.submitted_at or now,
        )
        try:
            saved = await self._store.save_application(submitted)
        except StaleApplication:
            return await self._resume(person, application, STALE_NOTICE)
        await self._audit(person, "application.submitted", saved)
        return ConfirmationView(
            self._programme.name,
            role,
            next_steps(self._programme, role, _entity(saved, person)),
            self._programme.contact,
            changes_saved=was_submitted,
        )

    async def registration(self, person: Person) -> RegistrationView:
        """One's own applications in this edition, with their answers."""
        cohort = await self._cohort()
        mine = await self._store.applications_of(person.aad_object_id)
        current = [a for a in mine if a.cohort_id == cohort.id]
        open_ = cohort.status == OPEN_COHORT
        items = tuple(
            ApplicationSummary(
                self._summary(a), can_change=open_ and a.status is not ApplicationStatus.WITHDRAWN
            )
            for a in current
        )
        locked = None if open_ else self._locked_reason()
        return RegistrationView(self._programme.name, items, self._programme.contact, locked)

    async def withdraw(self, person: Person, role: Role, version: int) -> SignUpView:
        """Withdraw an application while matching has not started."""
        cohort = await self._cohort()
        application = await self._current(person, role, cohort)
        if application is None or application.status is ApplicationStatus.WITHDRAWN:
            return await self.registration(person)
        if cohort.status != OPEN_COHORT:
            return NoticeView("Matching has started", self._locked_reason())
        if application.version != version:
            return await self.registration(person)
        try:
            saved = await self._store.save_application(
                replace(application, status=ApplicationStatus.WITHDRAWN)
            )
        except StaleApplication:
            return await self.registration(person)
        await self._audit(person, "application.withdrawn", saved)
        return NoticeView(
            "Your application is withdrawn",
            "Nothing more will happen with it. You can sign up again while registration is open.",
            offer_sign_up=True,
        )

    @property
    def _today(self) -> date:
        return self._clock.now().date()

    def _steps(self, role: Role) -> tuple[Step, ...]:
        return self._questionnaire.steps_for(role)

    async def _cohort(self) -> Cohort:
        return await self._store.ensure_cohort(self._programme.id, self._programme.edition)

    def _closed_reason(self) -> str:
        return (
            "The programme administrators have closed registration for this edition, so new "
            f"applications cannot be sent. Questions: {self._programme.contact}."
        )

    def _locked_reason(self) -> str:
        return (
            "Matching has started, so applications can no longer be changed here. "
            f"Please write to the programme administrators: {self._programme.contact}."
        )

    async def _current(
        self, person: Person, role: Role, cohort: Cohort | None = None
    ) -> Application | None:
        cohort = cohort or await self._cohort()
        return await self._store.get_application(cohort.id, person.aad_object_id, role.value)

    async def _other_roles(self, person: Person, cohort: Cohort, role: Role) -> frozenset[Role]:
        return frozenset(
            Role(a.role)
            for a in await self._store.applications_of(person.aad_object_id)
            if a.cohort_id == cohort.id
            and a.role != role.value
            and a.status is not ApplicationStatus.WITHDRAWN
        )

    async def _resume(
        self,
        person: Person,
        application: Application,
        notice: str | None = None,
        greeting: str | None = None,
    ) -> SignUpView:
        if application.step == SUMMARY_STEP or application.status is ApplicationStatus.SUBMITTED:
            return self._summary(application)
        step = application.step or self._steps(Role(application.role))[0].id
        view = self._step_view(person, application, step, notice=notice)
        return replace(view, greeting=greeting)

    def _step_view(
        self,
        person: Person,
        application: Application,
        step_id: str,
        errors: Mapping[str, str] | None = None,
        raw: Mapping[str, object] | None = None,
        notice: str | None = None,
    ) -> StepView:
        role = Role(application.role)
        steps = self._steps(role)
        index = next((i for i, s in enumerate(steps) if s.id == step_id), 0)
        step = steps[index]
        fields = field_views(self._questionnaire, step, application, person, errors or {}, raw)
        return StepView(
            programme_name=self._programme.name,
            role=role,
            step=step,
            index=index + 1,
            total=len(steps),
            fields=fields,
            version=application.version,
            notice=notice or (errors or {}).get("_step"),
            returns_to_summary=application.step == SUMMARY_STEP,
        )

    def _step_after(self, role: Role, step_id: str, application: Application) -> str:
        if application.step == SUMMARY_STEP:
            return SUMMARY_STEP
        ids = [step.id for step in self._steps(role)]
        position = ids.index(step_id) if step_id in ids else len(ids) - 1
        return ids[position + 1] if position + 1 < len(ids) else SUMMARY_STEP

    def _summary(self, application: Application) -> SummaryView:
        role = Role(application.role)
        sections, missing = summary_sections(self._questionnaire, role, application)
        return SummaryView(
            self._programme.name, role, sections, application.version, application.status, missing
        )

    async def _refusal_on_submit(
        self, person: Person, cohort: Cohort, application: Application, was_submitted: bool
    ) -> RefusalView | None:
        if was_submitted:
            return None  # edits to a submitted application are allowed until matching starts
        role = Role(application.role)
        others = await self._other_roles(person, cohort, role)
        facts: ApplicationFacts = facts_from(
            person, application.answers, others, self._questionnaire
        )
        refusals = check_application(self._programme, role, facts, self._today)
        if not refusals:
            return None
        return RefusalView(self._programme.name, role, tuple(r.message for r in refusals))

    async def _audit(self, person: Person, action: str, application: Application) -> None:
        await self._store.append_audit(
            AuditEntry(
                at=self._clock.now(),
                actor=person.aad_object_id,
                action=action,
                subject=f"application:{application.id}",
                detail={"role": application.role, "cohort": str(application.cohort_id)},
            )
        )
        log.info(action, extra={"role": application.role})


def _entity(application: Application, person: Person) -> str | None:
    answered = application.answers.get("entity")
    return str(answered) if answered else person.entity


def _nothing_to_continue() -> NoticeView:
    return NoticeView(
        "There is no application to continue",
        "Start with “Sign up as mentee” or “Sign up as mentor”.",
        offer_sign_up=True,
    )
