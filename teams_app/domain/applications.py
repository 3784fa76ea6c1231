"""Applications to a programme edition: a person's answers as mentor or mentee."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class ApplicationStatus(StrEnum):
    """Where an application stands."""

    DRAFT = "draft"  # the questionnaire is under way; answers saved step by step
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Cohort:
    """One edition of a programme, which applications belong to."""

    id: int
    programme_id: str
    name: str
    status: str = "registration"
    ended_at: datetime | None = None  # `end cohort` confirmed
    ended_by: str | None = None
    erase_on: datetime | None = None  # when its personal data is deleted (retention)
    personal_data_deleted_at: datetime | None = None


@dataclass(frozen=True)
class Application:
    """A person's application in one role; `version` guards every change (compare-and-set).

    `answers` holds the `pair` and `admin` answers; `confidential` holds diversity answers,
    which the store keeps encrypted at rest and which only administrators may read.
    """

    cohort_id: int
    person_aad_id: str
    role: str
    status: ApplicationStatus = ApplicationStatus.DRAFT
    answers: dict[str, Any] = field(default_factory=dict)
    confidential: dict[str, Any] = field(default_factory=dict)
    step: str | None = None
    version: int = 0
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    submitted_at: datetime | None = None


class StaleApplication(Exception):
    """The application changed since it was read: someone or something acted first."""
