"""Telling the administrators that Microsoft Graph refused for want of a permission."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from teams_app.domain.calendar import PermissionMissing
from teams_app.services.ports import Clock, Notifier
from teams_app.services.session_views import CalendarPermissionAlert

log = logging.getLogger(__name__)

# One alert per missing permission in this span: every participant who tries to book hits
# the same missing consent, and administrators need to hear it once, not once per click.
REPEAT_AFTER = timedelta(hours=6)


class PermissionAlerts:
    """Sends each administrator (TANDEM_ADMINS) a card naming a missing Graph permission."""

    def __init__(self, notifier: Notifier, clock: Clock, admins: Sequence[str]) -> None:
        self._notifier = notifier
        self._clock = clock
        self._admins = tuple(admins)
        self._last: dict[str, datetime] = {}

    async def missing(self, error: PermissionMissing, attempted: str) -> int:
        """Alert the administrators (unless alerted recently); how many were reached."""
        now = self._clock.now()
        last = self._last.get(error.permission)
        if last is not None and now - last < REPEAT_AFTER:
            return 0
        self._last[error.permission] = now
        log.error("graph.permission_missing", extra={"permission": error.permission})
        if not self._admins:
            log.error("graph.permission_missing.no_admins")
            return 0
        view = CalendarPermissionAlert(error.permission, error.reason, attempted)
        sent = [await self._notifier.notify(admin, view) for admin in self._admins]
        return sum(1 for activity in sent if activity)
