"""First contact: remembering where Tandem was installed, the welcome, help and stray text."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, replace

from teams_app.domain.audit import AuditEntry
from teams_app.domain.commands import (
    PERSONAL_COMMANDS,
    TEAM_COMMANDS,
    Command,
    CommandHelp,
    parse_command,
)
from teams_app.domain.conversations import ConversationRecord, Scope
from teams_app.domain.programme import Programme
from teams_app.services.ports import Clock, Store

log = logging.getLogger(__name__)

REMEMBERED_CONVERSATIONS = 10_000


@dataclass(frozen=True)
class WelcomeView:
    """What the welcome card says about the active programme."""

    programme_name: str
    organisation: str
    summary: str
    duration_months: int
    in_team: bool


@dataclass(frozen=True)
class HelpView:
    """The commands a person can use where they are."""

    programme_name: str
    commands: tuple[CommandHelp, ...]
    in_team: bool


class Onboarding:
    """Use cases of a person's or a team's first moments with Tandem."""

    def __init__(self, store: Store, clock: Clock, programme: Programme) -> None:
        self._store = store
        self._clock = clock
        self._programme = programme
        # Conversations whose stored reference is known to be current: most activities come
        # from a conversation already stored as it is, and rewriting it costs a database write.
        self._current: OrderedDict[str, ConversationRecord] = OrderedDict()

    async def installed(self, record: ConversationRecord, actor: str) -> WelcomeView | None:
        """Remember the conversation; the welcome view only the first time it is seen."""
        await self.remember(record)
        if not await self._store.mark_welcomed(record.conversation_id, self._clock.now()):
            return None
        await self._store.append_audit(
            AuditEntry(
                at=self._clock.now(),
                actor=actor,
                action="app.installed",
                subject=f"conversation:{record.scope.value}",
                detail={"scope": record.scope.value},
            )
        )
        log.info("welcome.sent", extra={"scope": record.scope.value})
        return self.welcome(record.scope)

    async def remember(self, record: ConversationRecord) -> None:
        """Store or refresh a conversation reference so Tandem can write there later."""
        key = record.conversation_id
        if self._current.get(key) == record:
            self._current.move_to_end(key)
            return
        await self._store.save_conversation(replace(record, updated_at=self._clock.now()))
        self._current[key] = record
        if len(self._current) > REMEMBERED_CONVERSATIONS:
            self._current.popitem(last=False)

    def welcome(self, scope: Scope) -> WelcomeView:
        """The welcome card's content for the active programme."""
        p = self._programme
        return WelcomeView(
            programme_name=p.name,
            organisation=p.organisation,
            summary=p.summary,
            duration_months=p.duration_months,
            in_team=scope is not Scope.PERSONAL,
        )

    def help(self, scope: Scope) -> HelpView:
        """The help card's content."""
        return HelpView(
            programme_name=self._programme.name,
            commands=PERSONAL_COMMANDS if scope is Scope.PERSONAL else TEAM_COMMANDS,
            in_team=scope is not Scope.PERSONAL,
        )

    @staticmethod
    def interpret(text: str | None) -> Command:
        """The command typed text asks for."""
        return parse_command(text)
