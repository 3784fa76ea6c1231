"""What the sign-up use cases return for the cards to show."""

from __future__ import annotations

from dataclasses import dataclass

from teams_app.domain.applications import ApplicationStatus
from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import Question, Step


@dataclass(frozen=True)
class FieldView:
    """One question on a step card with the value to show and any message next to it."""

    question: Question
    value: str | None = None  # as the card input takes it (see questionnaire.card_value)
    error: str | None = None
    from_hr: bool = False  # prefilled from the HR import, to be confirmed by the person


@dataclass(frozen=True)
class StepView:
    """One card of the questionnaire: "Step k of n"."""

    programme_name: str
    role: Role
    step: Step
    index: int  # 1-based
    total: int
    fields: tuple[FieldView, ...]
    version: int
    notice: str | None = None  # e.g. "This card was out of date…"
    greeting: str | None = None  # e.g. "Welcome back…" when resuming
    returns_to_summary: bool = False


@dataclass(frozen=True)
class AnswerLine:
    """One answer as the person reads it back."""

    label: str
    value: str
    confidential: bool = False


@dataclass(frozen=True)
class SummarySection:
    """A step's answers on the summary, with the step to edit them."""

    step: Step
    lines: tuple[AnswerLine, ...]


@dataclass(frozen=True)
class SummaryView:
    """Review before submitting (or after, while edits are still allowed)."""

    programme_name: str
    role: Role
    sections: tuple[SummarySection, ...]
    version: int
    status: ApplicationStatus
    missing: tuple[str, ...] = ()  # labels of required questions still unanswered


@dataclass(frozen=True)
class ConfirmationView:
    """After submitting: what happens next and when."""

    programme_name: str
    role: Role
    next_steps: tuple[str, ...]
    contact: str
    changes_saved: bool = False  # an already submitted application was edited


@dataclass(frozen=True)
class RefusalView:
    """Why a person cannot apply in this role now, and what they can do."""

    programme_name: str
    role: Role
    reasons: tuple[str, ...]
    suggested_role: Role | None = None


@dataclass(frozen=True)
class ApplicationSummary:
    """One of a person's applications on "my registration"."""

    summary: SummaryView
    can_change: bool


@dataclass(frozen=True)
class RegistrationView:
    """`my registration`: one's own answers, and whether they can still be changed."""

    programme_name: str
    applications: tuple[ApplicationSummary, ...]
    contact: str
    locked_reason: str | None = None  # set once matching has started


@dataclass(frozen=True)
class NoticeView:
    """A short message with an optional way forward."""

    title: str
    text: str
    offer_sign_up: bool = False


SignUpView = StepView | SummaryView | ConfirmationView | RefusalView | RegistrationView | NoticeView
