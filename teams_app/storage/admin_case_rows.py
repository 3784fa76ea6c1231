"""The administrators' channel and cases for SqlStore; cases change by compare-and-set."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.admin_cases import (
    AdminCase,
    AdminChannel,
    Alternative,
    CaseCategory,
    CaseKind,
    CaseStatus,
    Outcome,
)
from teams_app.domain.pairing import StaleRecord
from teams_app.storage.admin_tables import WAITING, AdminCaseRow, AdminChannelRow
from teams_app.storage.application_rows import insert_unless_present
from teams_app.storage.cipher import AnswerCipher


class AdminCaseRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _dialect: str
    _cipher: AnswerCipher | None

    async def set_admin_channel(self, channel: AdminChannel) -> None:
        """Make `channel` the programme's administrators' channel (replacing any earlier)."""
        async with self._sessions.begin() as session:
            row = await session.get(AdminChannelRow, channel.programme_id)
            if row is None:
                row = AdminChannelRow(programme_id=channel.programme_id)
                session.add(row)
            row.conversation_id = channel.conversation_id
            row.team_id = channel.team_id
            row.set_by = channel.set_by
            row.set_at = channel.set_at

    async def admin_channel(self, programme_id: str) -> AdminChannel | None:
        """The programme's administrators' channel, if one was set."""
        async with self._sessions() as session:
            row = await session.get(AdminChannelRow, programme_id)
        if row is None:
            return None
        return AdminChannel(
            row.programme_id, row.conversation_id, row.team_id, row.set_by, row.set_at
        )

    async def open_case(self, case: AdminCase) -> AdminCase:
        """Insert a new case (version 1); StaleRecord if one of its kind waits for the pairing."""
        values = _values_of(case, self._sealed(case.note)) | {"version": 1}
        statement = insert_unless_present(
            self._dialect, AdminCaseRow, values, ["pairing_id", "kind"], where=text(WAITING)
        ).returning(AdminCaseRow.id)
        async with self._sessions.begin() as session:
            inserted = (await session.execute(statement)).first()
        if inserted is None:
            raise StaleRecord("a case of this kind already waits for this pairing")
        return dataclasses.replace(case, id=inserted[0], version=1)

    async def get_case(self, case_id: int) -> AdminCase | None:
        """A case by id, its note decrypted."""
        async with self._sessions() as session:
            row = await session.get(AdminCaseRow, case_id)
        return None if row is None else self._case_of(row)

    async def waiting_case(self, pairing_id: int, kind: CaseKind) -> AdminCase | None:
        """The case of this kind still waiting for a decision on a pairing, if any."""
        query = select(AdminCaseRow).where(
            AdminCaseRow.pairing_id == pairing_id,
            AdminCaseRow.kind == kind.value,
            text(f"admin_cases.{WAITING}"),
        )
        async with self._sessions() as session:
            row = (await session.scalars(query)).first()
        return None if row is None else self._case_of(row)

    async def list_cases(self, cohort_id: int, waiting_only: bool = False) -> Sequence[AdminCase]:
        """A cohort's cases, oldest first; only those waiting for a decision if asked."""
        query = select(AdminCaseRow).where(AdminCaseRow.cohort_id == cohort_id)
        if waiting_only:
            query = query.where(text(f"admin_cases.{WAITING}"))
        async with self._sessions() as session:
            rows = await session.scalars(query.order_by(AdminCaseRow.id))
            return [self._case_of(row) for row in rows]

    async def save_case(self, case: AdminCase) -> AdminCase:
        """Store a changed case read at `case.version` (compare-and-set); StaleRecord if not."""
        if case.id is None:
            raise ValueError("only a stored case can be saved")
        values = _values_of(case, self._sealed(case.note))
        values["version"] = case.version + 1
        statement = (
            update(AdminCaseRow)
            .where(AdminCaseRow.id == case.id, AdminCaseRow.version == case.version)
            .values(values)
            .returning(AdminCaseRow.id)
        )
        async with self._sessions.begin() as session:
            changed = (await session.execute(statement)).first()
        if changed is None:
            raise StaleRecord("the case changed meanwhile")
        return dataclasses.replace(case, version=case.version + 1)

    async def set_case_card(self, case_id: int, activity_id: str) -> None:
        """Remember the channel card of a case; the version does not change."""
        statement = (
            update(AdminCaseRow)
            .where(AdminCaseRow.id == case_id)
            .values(channel_activity_id=activity_id)
        )
        async with self._sessions.begin() as session:
            await session.execute(statement)

    async def rotate_case_notes(self) -> int:
        """Re-encrypt every case note with the primary key (after `rotate_confidential`)."""
        if self._cipher is None:
            return 0
        cipher = self._cipher
        query = select(AdminCaseRow.id, AdminCaseRow.note).where(AdminCaseRow.note.is_not(None))
        async with self._sessions() as session:
            notes = (await session.execute(query)).all()
        rotated = 0
        async with self._sessions.begin() as session:
            for case_id, old in notes:
                if old is None:
                    continue
                statement = (
                    update(AdminCaseRow)
                    .where(AdminCaseRow.id == case_id, AdminCaseRow.note == old)
                    .values(note=cipher.rotate(old))
                    .returning(AdminCaseRow.id)
                )
                rotated += (await session.execute(statement)).first() is not None
        return rotated

    def _sealed(self, note: str) -> bytes | None:
        if not note:
            return None
        if self._cipher is None:
            raise RuntimeError("a confidential note needs TANDEM_ENCRYPTION_KEYS")
        return self._cipher.encrypt({"note": note})

    def _case_of(self, row: AdminCaseRow) -> AdminCase:
        note = ""
        if row.note is not None:
            if self._cipher is None:
                raise RuntimeError("a confidential note needs TANDEM_ENCRYPTION_KEYS")
            note = str(self._cipher.decrypt(row.note).get("note", ""))
        return AdminCase(
            cohort_id=row.cohort_id,
            kind=CaseKind(row.kind),
            pairing_id=row.pairing_id,
            requester=row.requester,
            opened_at=row.opened_at,
            category=CaseCategory(row.category),
            note=note,
            status=CaseStatus(row.status),
            alternatives=tuple(
                Alternative(str(a["mentor"]), tuple(str(r) for r in _list(a.get("reasons"))))
                for a in row.alternatives
            ),
            outcome=None if row.outcome is None else Outcome(row.outcome),
            new_mentor=row.new_mentor,
            decided_by=row.decided_by,
            decided_at=row.decided_at,
            admin_message=row.admin_message,
            info_requests=row.info_requests,
            channel_activity_id=row.channel_activity_id,
            version=row.version,
            id=row.id,
        )


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _values_of(case: AdminCase, note: bytes | None) -> dict[str, object]:
    return {
        "cohort_id": case.cohort_id,
        "kind": case.kind.value,
        "pairing_id": case.pairing_id,
        "requester": case.requester,
        "category": case.category.value,
        "note": note,
        "status": case.status.value,
        "alternatives": [
            {"mentor": a.mentor, "reasons": list(a.reasons)} for a in case.alternatives
        ],
        "outcome": None if case.outcome is None else case.outcome.value,
        "new_mentor": case.new_mentor,
        "decided_by": case.decided_by,
        "decided_at": case.decided_at,
        "admin_message": case.admin_message,
        "info_requests": case.info_requests,
        "opened_at": case.opened_at,
        "channel_activity_id": case.channel_activity_id,
    }
