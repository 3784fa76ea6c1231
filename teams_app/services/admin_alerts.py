"""Messages for the programme's administrators, and for a list of people, by the Notifier.

Administrators are told in their channel when one is set and the post gets through,
otherwise each in their personal chat: a shared channel is read at their own pace, so these
messages keep no quiet hours.
"""

from __future__ import annotations

from collections.abc import Sequence

from teams_app.services.admin_ports import ChannelPoster
from teams_app.services.ports import Notifier


async def notify_each(notifier: Notifier, people: Sequence[str], view: object) -> str | None:
    """Send to each person; a note of those unreachable, or None when all were reached."""
    if not people:
        return "no recipient"
    sent = [await notifier.deliver(person, view) for person in people]
    unreachable = sum(1 for activity_id in sent if activity_id is None)
    return f"unreachable: {unreachable}" if unreachable else None


class AdminAlerts:
    """Tells the administrators something that needs a person to act."""

    def __init__(
        self, notifier: Notifier, admins: Sequence[str], channel: ChannelPoster | None = None
    ) -> None:
        self._notifier = notifier
        self._admins = tuple(admins)
        self._channel = channel

    async def send(self, view: object) -> str | None:
        """None when the administrators were reached; otherwise a note of why not."""
        if self._channel is not None and await self._channel.post(view) is not None:
            return None
        return await notify_each(self._notifier, self._admins, view)
