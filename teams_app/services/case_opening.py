"""A participant asks the administrators for a new match or reports a conflict of interest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from teams_app.domain.admin_cases import (
    MAX_NOTE,
    AdminCase,
    Alternative,
    CaseCategory,
    CaseInputError,
    CaseKind,
    CaseStatus,
    clean_text,
    parse_category,
)
from teams_app.domain.audit import AuditEntry
from teams_app.domain.pairing import Pairing, PairingStatus, StaleRecord
from teams_app.domain.people import Person
from teams_app.services.case_desk import CaseDesk, read_id
from teams_app.services.case_views import CaseFormView, CaseNotice

NO_PAIRING = CaseNotice(
    "No current pairing",
    "You have no active mentoring pairing, so there is nothing to change. To take part, type "
    "“sign up”.",
)
SENT = {
    CaseKind.REMATCH: CaseNotice(
        "Request sent to the programme team",
        "The programme administrators received your request for a new match and will come "
        "back to you. Your partner is not told that you asked, nor why.",
    ),
    CaseKind.CONFLICT: CaseNotice(
        "Report sent to the programme team",
        "The programme administrators received your report at once and will act on it. "
        "Your partner is not told that you reported it.",
    ),
}
ALREADY = CaseNotice(
    "Already with the programme team",
    "Your earlier request about this pairing is still with the programme administrators. "
    "They will come back to you.",
)


class CaseOpening(CaseDesk):
    """The participant's side: the form, the request, and answers to the team's questions."""

    async def form(self, person: Person, kind: CaseKind) -> CaseFormView | CaseNotice:
        """The form for a new match or a conflict report; a notice without an active pairing."""
        partners = await self._partners(person)
        if not partners:
            return NO_PAIRING
        only = partners[0][0] if len(partners) == 1 else None
        return CaseFormView(kind, partners, _categories(kind), pairing_id=only)

    async def submit(
        self, person: Person, kind: CaseKind, data: Mapping[str, Any]
    ) -> CaseFormView | CaseNotice:
        """Open the case and put it before the administrators; the form again on bad input."""
        partners = await self._partners(person)
        if not partners:
            return NO_PAIRING
        pairing_id = read_id(data.get("pairing"))
        note_text = str(data.get("note") or "")
        try:
            pairing = await self._own_pairing(person, pairing_id)
            category = (
                parse_category(data.get("category"))
                if kind is CaseKind.REMATCH
                else CaseCategory.CONFLICT_OF_INTEREST
            )
            note = clean_text(note_text, MAX_NOTE)
        except CaseInputError as problem:
            return CaseFormView(
                kind,
                partners,
                _categories(kind),
                error=str(problem),
                pairing_id=pairing_id,
                category=str(data.get("category") or "") or None,
                note=note_text[: MAX_NOTE * 2],
            )
        return await self._open(person, kind, pairing, category, note)

    async def reply(self, person: Person, case_id: int, version: int, text: str) -> CaseNotice:
        """The requester answers the administrators' question; the case goes back to them."""
        case = await self.store.get_case(case_id)
        if case is None or case.requester != person.aad_object_id:
            return CaseNotice("Not found", "This request is not one of yours.")
        if case.status is not CaseStatus.MORE_INFO or case.version != version:
            return CaseNotice("Already answered", "This question was answered already. Thank you.")
        try:
            answer = clean_text(text, MAX_NOTE)
        except CaseInputError as problem:
            return CaseNotice("Too long", str(problem), case_id, version)
        if not answer:
            return CaseNotice("Nothing to send", "Type your answer first.", case_id, version)
        note = f"{case.note}\n\nMore information: {answer}".strip()
        try:
            saved = await self.store.save_case(replace(case, note=note, status=CaseStatus.OPEN))
        except StaleRecord:
            return CaseNotice("Already answered", "This question was answered already. Thank you.")
        pairing = await self.store.get_pairing(saved.pairing_id)
        if pairing is not None:
            await self.show(saved, pairing, notice="The requester sent more information.")
        return CaseNotice("Sent", "Your answer is with the programme administrators. Thank you.")

    async def _open(
        self,
        person: Person,
        kind: CaseKind,
        pairing: Pairing,
        category: CaseCategory,
        note: str,
    ) -> CaseNotice:
        assert pairing.id is not None
        alternatives: tuple[Alternative, ...] = ()
        if kind is CaseKind.REMATCH:
            alternatives = await self.alternatives_for(pairing.mentee)
        case = AdminCase(
            cohort_id=pairing.cohort_id,
            kind=kind,
            pairing_id=pairing.id,
            requester=person.aad_object_id,
            opened_at=self.clock.now(),
            category=category,
            note=note,
            alternatives=alternatives,
        )
        try:
            stored = await self.store.open_case(case)
        except StaleRecord:
            return ALREADY
        await self.store.append_audit(
            AuditEntry(
                self.clock.now(),
                person.aad_object_id,
                f"case.{kind.value}.opened",
                f"case:{stored.id}",
                {"pairing": str(pairing.id), "category": category.value},
            )
        )
        await self.show(stored, pairing)
        return SENT[kind]

    async def _partners(self, person: Person) -> tuple[tuple[int, str], ...]:
        cohort = await self.cohort()
        mine: Sequence[Pairing] = await self.store.pairings(
            cohort.id, person=person.aad_object_id, status=PairingStatus.ACTIVE
        )
        partners = []
        for pairing in mine:
            other = pairing.mentor if pairing.mentee == person.aad_object_id else pairing.mentee
            if pairing.id is not None:
                partners.append((pairing.id, await self.name_of(other)))
        return tuple(partners)

    async def _own_pairing(self, person: Person, pairing_id: int | None) -> Pairing:
        pairing = None if pairing_id is None else await self.store.get_pairing(pairing_id)
        if (
            pairing is None
            or pairing.status is not PairingStatus.ACTIVE
            or person.aad_object_id not in (pairing.mentee, pairing.mentor)
        ):
            raise CaseInputError("Choose the pairing this is about.")
        return pairing


def _categories(kind: CaseKind) -> tuple[CaseCategory, ...]:
    return tuple(CaseCategory) if kind is CaseKind.REMATCH else ()
