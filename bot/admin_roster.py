"""The administrators' team roster, read from Teams (the Bot Connector's members endpoint)."""

from __future__ import annotations

import logging
import time

from botbuilder.core import TurnContext
from botbuilder.core.teams import TeamsInfo

from bot.references import reference_from
from teams_app.services.ports import Store

log = logging.getLogger(__name__)

# Membership changes rarely; a short memory saves a Teams call on every button press.
CACHE_SECONDS = 300.0


class TeamsAdminRoster:
    """Whether a person is a member of the team configured as the administrators' one.

    Teams answers for the team's General channel, whose conversation id is the team id: it is
    stored when Tandem is added to the team. Until then nobody is a member.
    """

    def __init__(self, adapter: object, app_id: str, store: Store, team_id: str) -> None:
        self._adapter = adapter
        self._app_id = app_id
        self._store = store
        self._team_id = team_id
        self._known: dict[str, tuple[bool, float]] = {}

    async def is_member(self, person: str) -> bool:
        """Whether `person` is in the team now (remembered for a few minutes)."""
        cached = self._known.get(person)
        if cached is not None and cached[1] > time.monotonic():
            return cached[0]
        member = await self._ask_teams(person)
        if member is not None:
            self._known[person] = (member, time.monotonic() + CACHE_SECONDS)
        return bool(member)

    async def _ask_teams(self, person: str) -> bool | None:
        record = await self._store.get_conversation(self._team_id)
        if record is None:
            log.info("admin_roster.team_unknown")
            return None
        found: list[bool] = []

        async def ask(turn_context: TurnContext) -> None:
            try:
                await TeamsInfo.get_team_member(turn_context, self._team_id, person)
                found.append(True)
            except Exception as error:  # 404: not a member; other errors: not known now
                status = getattr(getattr(error, "response", None), "status_code", None)
                if status == 404:
                    found.append(False)

        try:
            continue_conversation = self._adapter.continue_conversation  # type: ignore[attr-defined]
            await continue_conversation(reference_from(record), ask, self._app_id)
        except Exception as error:  # no answer from Teams: no decision, nothing cached
            log.warning("admin_roster.failed", extra={"error_type": type(error).__name__})
            return None
        return found[0] if found else None
