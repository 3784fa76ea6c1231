"""The administrators decide a case from its channel card; each decision changes state once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from teams_app.domain.admin_cases import (
    MAX_ADMIN_MESSAGE,
    AdminCase,
    CaseClosed,
    CaseInputError,
    CaseKind,
    CaseStatus,
    Outcome,
    clean_text,
)
from teams_app.domain.pairing import MentorRequest, Pairing, PairingStatus, StaleRecord
from teams_app.services.case_desk import CaseDesk, read_id
from teams_app.services.case_views import CaseCardView, CaseNotice

CHANGED_MEANWHILE = "Someone decided this case meanwhile, so nothing changed. Here is the outcome."
VERB_OUTCOMES = {
    "approve": Outcome.APPROVED,
    "decline": Outcome.DECLINED,
    "end": Outcome.ENDED,
    "keep": Outcome.KEPT,
}


class Refused(Exception):
    """The person acting is not an administrator; the refusal is audited."""


class CaseDecisions(CaseDesk):
    """The administrators' side: approve with a mentor, decline, ask, end or keep a pairing."""

    async def act(
        self, actor: str | None, verb: str, data: Mapping[str, Any]
    ) -> CaseCardView | None:
        """Carry out a card action on a case; the card to show, None when the case is gone.

        Raises Refused for anyone but an administrator.
        """
        case_id, version = read_id(data.get("case")), read_id(data.get("version"))
        subject = f"case:{case_id}"
        if not await self.parts.admins.check(actor, f"case.{verb}", subject):
            raise Refused(subject)
        assert actor is not None
        case = None if case_id is None else await self.store.get_case(case_id)
        if case is None:
            return None
        pairing = await self.store.get_pairing(case.pairing_id)
        if pairing is None:
            return None
        if case.version != version or not case.status.waiting:
            return await self.card_view(case, pairing, CHANGED_MEANWHILE)
        try:
            if verb == "ask":
                return await self._ask(actor, case, pairing, str(data.get("message") or ""))
            outcome = VERB_OUTCOMES.get(verb)
            if outcome is None:
                raise CaseInputError("This button is not one Tandem knows.")
            mentor = str(data["mentor"]) if "mentor" in data else None
            message = str(data.get("message") or "")
            decided = case.decided(outcome, actor, self.clock.now(), message, mentor)
        except CaseInputError as problem:
            return await self.card_view(case, pairing, str(problem))
        except CaseClosed:
            return await self.card_view(case, pairing, CHANGED_MEANWHILE)
        return await self._decide(actor, decided, pairing)

    async def rematch_answered(self, request: MentorRequest) -> None:
        """The new mentor declined or let the request expire: the case waits again."""
        cohort_cases = await self.store.list_cases(request.cohort_id)
        case = next(
            (
                c
                for c in reversed(cohort_cases)
                if c.outcome is Outcome.APPROVED and c.new_mentor == request.mentor
            ),
            None,
        )
        pairing = None if case is None else await self.store.get_pairing(case.pairing_id)
        if case is None or pairing is None or pairing.mentee != request.mentee:
            return
        # Fresh alternatives: the mentor who said no is now a declined pair, never offered again.
        reopened = replace(
            case,
            status=CaseStatus.OPEN,
            outcome=None,
            new_mentor=None,
            decided_at=None,
            alternatives=await self.alternatives_for(request.mentee),
        )
        try:
            saved = await self.store.save_case(reopened)
        except StaleRecord:
            return
        name = await self.name_of(request.mentor)
        await self.show(saved, pairing, f"{name} could not take the mentee: choose another.")

    async def _decide(self, actor: str, decided: AdminCase, pairing: Pairing) -> CaseCardView:
        try:
            saved = await self.store.save_case(decided)
        except StaleRecord:
            fresh = await self.store.get_case(decided.id or 0) or decided
            return await self.card_view(fresh, pairing, CHANGED_MEANWHILE)
        detail = {"pairing": str(saved.pairing_id)}
        if saved.new_mentor:
            detail["mentor"] = saved.new_mentor
        await self.parts.admins.record(actor, f"case.{saved.outcome}", f"case:{saved.id}", detail)
        if saved.outcome in (Outcome.APPROVED, Outcome.ENDED):
            await self._end_pairing(pairing, saved)
        if saved.outcome is Outcome.APPROVED and saved.new_mentor is not None:
            await self.parts.requests.ask_mentor(saved.cohort_id, pairing.mentee, saved.new_mentor)
        await self._tell_participants(saved, pairing)
        view = await self.card_view(saved, pairing)
        await self.show(saved, pairing)
        return view

    async def _ask(
        self, actor: str, case: AdminCase, pairing: Pairing, question: str
    ) -> CaseCardView:
        text = clean_text(question, MAX_ADMIN_MESSAGE)
        if not text:
            return await self.card_view(case, pairing, "Type the question for the requester.")
        try:
            saved = await self.store.save_case(case.asked_for_information())
        except StaleRecord:
            fresh = await self.store.get_case(case.id or 0) or case
            return await self.card_view(fresh, pairing, CHANGED_MEANWHILE)
        await self.parts.admins.record(actor, "case.asked", f"case:{saved.id}")
        who = await self.name_of(actor)
        notice = CaseNotice(
            "A question from the programme team",
            f"{who} from the programme team asks about your request: “{text}”",
            reply_case=saved.id,
            reply_version=saved.version,
        )
        await self.parts.notifier.notify(saved.requester, notice)
        view = await self.card_view(saved, pairing, f"{who} asked the requester for more.")
        await self.show(saved, pairing, f"{who} asked the requester for more.")
        return view

    async def _end_pairing(self, pairing: Pairing, case: AdminCase) -> None:
        current = await self.store.get_pairing(case.pairing_id)
        if current is None or current.status is not PairingStatus.ACTIVE:
            return  # ended already (a mentor who declined a rematch left it ended)
        reason = f"{case.kind.value} case {case.id}"
        try:
            await self.store.end_pairing(current.id or 0, current.version, self.clock.now(), reason)
        except StaleRecord:
            return
        if self.parts.contact_checks is not None and current.id is not None:
            await self.parts.contact_checks.pairing_ended(current.id)

    async def _tell_participants(self, case: AdminCase, pairing: Pairing) -> None:
        mentee, mentor = await self.name_of(pairing.mentee), await self.name_of(pairing.mentor)
        notify = self.parts.notifier.notify
        if case.outcome is Outcome.APPROVED:
            new = await self.name_of(case.new_mentor)
            await notify(pairing.mentee, _changed(mentor, f"{new} has been asked to mentor you."))
            await notify(pairing.mentor, _changed(mentee, "Thank you for the time you gave."))
        elif case.outcome is Outcome.ENDED:
            await notify(pairing.mentee, _changed(mentor, "The programme team will be in touch."))
            await notify(pairing.mentor, _changed(mentee, "The programme team will be in touch."))
        else:
            await notify(case.requester, _kept(case))


def _changed(partner: str, next_step: str) -> CaseNotice:
    # The same words for both partners: neither the reason nor who asked can be read from it.
    return CaseNotice(
        "A change to your mentoring pairing",
        f"The programme team has ended your mentoring pairing with {partner}. {next_step}",
    )


def _kept(case: AdminCase) -> CaseNotice:
    subject = "request for a new match" if case.kind is CaseKind.REMATCH else "report"
    text = f"The programme team looked at your {subject} and your pairing continues."
    if case.admin_message:
        text += f" Their message: “{case.admin_message}”"
    return CaseNotice("About your " + subject, text)
