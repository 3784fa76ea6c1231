"""The ports of the administrators' work: their cases in the store and their channel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from teams_app.domain.admin_cases import AdminCase, AdminChannel, CaseKind
from teams_app.domain.pairing import Pairing
from teams_app.domain.sessions import Session
from teams_app.services.ports import Store


class CaseStore(Store, Protocol):
    """The Store, plus the administrators' channel and cases (changes are compare-and-set)."""

    async def set_admin_channel(self, channel: AdminChannel) -> None:
        """Make `channel` the programme's administrators' channel."""
        ...

    async def admin_channel(self, programme_id: str) -> AdminChannel | None:
        """The programme's administrators' channel, if one was set."""
        ...

    async def open_case(self, case: AdminCase) -> AdminCase:
        """Insert a case; StaleRecord if one of its kind already waits for the pairing."""
        ...

    async def get_case(self, case_id: int) -> AdminCase | None:
        """A case by id."""
        ...

    async def waiting_case(self, pairing_id: int, kind: CaseKind) -> AdminCase | None:
        """The case of this kind still waiting on a pairing, if any."""
        ...

    async def list_cases(self, cohort_id: int, waiting_only: bool = False) -> Sequence[AdminCase]:
        """A cohort's cases, oldest first."""
        ...

    async def save_case(self, case: AdminCase) -> AdminCase:
        """Store a changed case by compare-and-set; StaleRecord if it changed meanwhile."""
        ...

    async def set_case_card(self, case_id: int, activity_id: str) -> None:
        """Remember the channel card of a case."""
        ...

    async def get_pairing(self, pairing_id: int) -> Pairing | None:
        """A pairing by id."""
        ...

    async def sessions_of(self, pairing_id: int) -> Sequence[Session]:
        """A pairing's sessions."""
        ...


class ChannelPoster(Protocol):
    """Cards to the programme's administrators' channel; the adapter renders the views."""

    async def post(self, view: object) -> str | None:
        """Post `view` to the channel; its activity id, None when no channel is set or reached."""
        ...

    async def update(self, activity_id: str, view: object) -> None:
        """Replace an earlier channel card, for everyone who sees it."""
        ...
