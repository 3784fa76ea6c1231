"""Audit entries: who did what to which record, never the personal values themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log; `detail` holds identifiers and outcomes, never answers."""

    at: datetime
    actor: str
    action: str
    subject: str
    detail: dict[str, str] = field(default_factory=dict)
