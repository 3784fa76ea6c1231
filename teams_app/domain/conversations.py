"""Where Tandem can reach a person or a team: the conversations it was installed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Scope(StrEnum):
    """The Teams scope a conversation belongs to."""

    PERSONAL = "personal"
    TEAM = "team"
    GROUP_CHAT = "groupChat"


@dataclass(frozen=True)
class ConversationRecord:
    """A conversation Tandem may write to, with the opaque reference the bot layer needs."""

    conversation_id: str
    scope: Scope
    tenant_id: str | None
    user_aad_id: str | None
    team_id: str | None
    service_url: str
    reference: dict[str, Any] = field(default_factory=dict)
    updated_at: datetime | None = None
