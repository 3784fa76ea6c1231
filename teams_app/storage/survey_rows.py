"""Survey answers for SqlStore: stored once per person, survey and pairing; read back only by
their author, or as bare answer sets for the administrators' aggregate."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.programme import Role
from teams_app.domain.survey import SurveyResponse
from teams_app.services.ports import Clock
from teams_app.storage.survey_tables import SurveyAnswerRow


class SurveyRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _clock: Clock

    async def save_survey_response(self, response: SurveyResponse) -> tuple[SurveyResponse, bool]:
        """Store the answers unless this person already answered; (stored, True) or
        (the earlier submission, False)."""
        row = SurveyAnswerRow(
            survey_id=response.survey_id,
            pairing_id=response.pairing_id,
            person=response.person,
            role=response.role.value,
            answers=dict(response.answers),
            submitted_at=self._clock.now(),
        )
        try:
            async with self._sessions.begin() as db:
                db.add(row)
                await db.flush()
                return _response_of(row), True
        except IntegrityError:
            pass
        earlier = await self.survey_response_of(
            response.survey_id, response.pairing_id, response.person
        )
        if earlier is None:  # the conflicting row cannot vanish: nothing deletes answers
            raise RuntimeError("survey answer conflict without a stored answer")
        return earlier, False

    async def survey_response_of(
        self, survey_id: str, pairing_id: int, person: str
    ) -> SurveyResponse | None:
        """A person's own answers, or None if they have not answered."""
        query = select(SurveyAnswerRow).where(
            SurveyAnswerRow.survey_id == survey_id,
            SurveyAnswerRow.pairing_id == pairing_id,
            SurveyAnswerRow.person == person,
        )
        async with self._sessions() as db:
            row = (await db.scalars(query)).first()
            return None if row is None else _response_of(row)

    async def survey_answer_sets(self, survey_id: str) -> Sequence[dict[str, str]]:
        """Every submission's answers, without who gave them: for the aggregate only."""
        query = select(SurveyAnswerRow.answers).where(SurveyAnswerRow.survey_id == survey_id)
        async with self._sessions() as db:
            return [dict(answers) for answers in await db.scalars(query)]


def _response_of(row: SurveyAnswerRow) -> SurveyResponse:
    return SurveyResponse(
        row.survey_id,
        row.pairing_id,
        row.person,
        Role(row.role),
        dict(row.answers),
        row.submitted_at,
        row.id,
    )
