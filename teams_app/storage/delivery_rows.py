"""The record of messages sent to Teams, for SqlStore."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.delivery import Delivery, DeliveryOutcome
from teams_app.storage.tables import DeliveryRow


class DeliveryRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]

    async def record_delivery(self, delivery: Delivery) -> None:
        """Keep the record of one message."""
        row = DeliveryRow(
            conversation_id=delivery.conversation_id,
            kind=delivery.kind,
            outcome=delivery.outcome.value,
            attempts=delivery.attempts,
            status=delivery.status,
            at=delivery.at,
        )
        async with self._sessions.begin() as session:
            session.add(row)

    async def deliveries(self, conversation_id: str | None = None) -> Sequence[Delivery]:
        """The recorded messages, oldest first; of one conversation when given."""
        query = select(DeliveryRow).order_by(DeliveryRow.at, DeliveryRow.id)
        if conversation_id is not None:
            query = query.where(DeliveryRow.conversation_id == conversation_id)
        async with self._sessions() as session:
            rows = (await session.scalars(query)).all()
        return [
            Delivery(
                row.conversation_id,
                row.kind,
                DeliveryOutcome(row.outcome),
                row.attempts,
                row.status,
                row.at,
            )
            for row in rows
        ]
