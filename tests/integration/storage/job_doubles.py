"""A Notifier that records what it was asked to send, with the (manual) time of each send."""

from __future__ import annotations

from datetime import datetime

from tests.doubles.manual_clock import ManualClock

__all__ = ["ManualClock", "RecordingNotifier"]


class RecordingNotifier:
    """Records each (time, person, view) sent; people in `unreachable` get None back."""

    def __init__(self, clock: ManualClock, unreachable: frozenset[str] = frozenset()) -> None:
        self.clock = clock
        self.unreachable = unreachable
        self.sent: list[tuple[datetime, str, object]] = []

    async def notify(self, person_aad_id: str, view: object) -> str | None:
        """Record the send; an activity id unless the person is unreachable."""
        if person_aad_id in self.unreachable:
            return None
        self.sent.append((self.clock.now(), person_aad_id, view))
        return f"activity-{len(self.sent)}"

    async def deliver(self, person_aad_id: str, view: object) -> str | None:
        """As notify: this fake never fails for a while."""
        return await self.notify(person_aad_id, view)

    async def refresh(self, person_aad_id: str, activity_id: str, view: object) -> None:
        """Cards are not replaced by nudges."""

    def views(self, kind: type[object]) -> list[tuple[datetime, str, object]]:
        """The sends whose view is of `kind`."""
        return [sent for sent in self.sent if isinstance(sent[2], kind)]
