"""Application rows of an import file: columns mapped to questions, checked as cards are."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from teams_app.domain.import_table import Rejected, SourceRow, shown
from teams_app.domain.programme import Programme, Role
from teams_app.domain.questionnaire import (
    ROLE_QUESTION,
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    validate_step,
)
from teams_app.domain.questionnaire.choice_matching import matching_choice

HISTORY_COLUMN = "previous_mentee_editions"
PERSON_COLUMNS = ("email", "name")
ID_COLUMN = "aad_object_id"
# Beyond this many choices a report points to the questionnaire instead of listing them.
_LISTED_CHOICES = 25
_EMAIL = re.compile(r"[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"'.][^@\s,;<>\"']*")
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_EDITION = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,19}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
MAX_EMAIL = 254
MAX_NAME = 200


def _both(question_id: str) -> dict[Role, str]:
    return {Role.MENTEE: question_id, Role.MENTOR: question_id}


# The import file's columns and the question each answers, by role: the file follows the
# administrator's form (one "goals" column), the questionnaire asks each role its own way.
# A question missing here (former_jpo, assignment_type, gender, diversity_…) is read from the
# column named like it.
COLUMN_QUESTIONS: dict[str, dict[Role, str]] = {
    "role": _both("role"),
    "entity": _both("entity"),
    "unit": _both("unit"),
    "duty_station": _both("duty_station"),
    "time_zone": _both("time_zone"),
    "job_network": _both("job_network"),
    "grade": _both("grade"),
    "entry_date": _both("entry_date"),
    "languages": _both("languages"),
    "other_languages": _both("other_languages"),
    "preferred_language": _both("preferred_language"),
    "goals": {Role.MENTEE: "goals", Role.MENTOR: "goals_supported"},
    "personal_objective": {Role.MENTEE: "personal_objective"},
    "competencies": {Role.MENTEE: "skills_to_develop", Role.MENTOR: "skills_to_share"},
    "experience_to_share": {Role.MENTOR: "experience_to_share"},
    "mentor_capacity": {Role.MENTOR: "capacity"},
    "topics": _both("topics"),
    "activities": _both("activities"),
    "contact_modes": _both("contact_modes"),
}
_COLUMN_OF = {
    (role, question_id): column
    for column, by_role in COLUMN_QUESTIONS.items()
    for role, question_id in by_role.items()
}


def column_for(question_id: str, role: Role) -> str:
    """The import column that answers `question_id` for `role`."""
    return _COLUMN_OF.get((role, question_id), question_id)


@dataclass(frozen=True)
class Columns:
    """The columns an application file must have, and the others it may have."""

    required: tuple[str, ...]
    optional: tuple[str, ...]


def application_columns(programme: Programme, questionnaire: Questionnaire) -> Columns:
    """Required: e-mail, name and every required question's column; optional: the rest asked."""
    required: dict[str, None] = dict.fromkeys(PERSON_COLUMNS)
    optional: dict[str, None] = dict.fromkeys((ID_COLUMN, HISTORY_COLUMN))
    for role in Role:
        for question in questionnaire.questions_for(role):
            target = required if question.required else optional
            target[column_for(question.id, role)] = None
    if programme.eligibility.previous_mentee_editions_barred > 0:
        required[HISTORY_COLUMN] = None  # without it the rule on recent mentees cannot apply
    return Columns(tuple(required), tuple(name for name in optional if name not in required))


@dataclass(frozen=True)
class Applicant:
    """An accepted row: who applies, in which role, and their answers checked and typed."""

    line: int
    email: str
    name: str
    role: Role
    aad_object_id: str | None
    answers: Mapping[str, Answer]
    # The questions the file has a column for: their stored answers are replaced, the
    # others are left as they are (a blank cell clears an optional answer).
    covered: frozenset[str]
    previous_mentee_editions: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, Role]:
        """What must be unique within one file: the e-mail (any case) and the role."""
        return self.email.lower(), self.role


class ApplicationReader:
    """Reads the rows of one programme's application file, with the cards' own validation."""

    def __init__(self, programme: Programme, questionnaire: Questionnaire) -> None:
        self.programme = programme
        self.questionnaire = questionnaire
        self.columns = application_columns(programme, questionnaire)

    def read(self, row: SourceRow, today: date) -> Applicant | Rejected:
        """The applicant in `row`, or every reason it cannot be imported."""
        if row.problem:
            return Rejected(row.line, (row.problem,))
        values = row.values
        reasons: list[str] = []
        email = read_email(values.get("email", ""), reasons)
        name = read_name(values.get("name", ""), reasons)
        aad_object_id = read_aad_object_id(values.get(ID_COLUMN, ""), reasons)
        editions = _editions(values.get(HISTORY_COLUMN, ""), reasons)
        role = self._role(values.get("role", ""), reasons)
        if role is None:
            return Rejected(row.line, tuple(reasons))
        answers, covered = self._answers(role, values, today, reasons)
        if reasons or email is None or name is None:
            return Rejected(row.line, tuple(reasons))
        return Applicant(row.line, email, name, role, aad_object_id, answers, covered, editions)

    def _role(self, cell: str, reasons: list[str]) -> Role | None:
        chosen = self._canonical(ROLE_QUESTION, cell.strip())
        if chosen in {role.value for role in Role}:
            return Role(chosen)
        roles = " or ".join(role.value for role in Role)
        said = f"{shown(cell)} is not {roles}" if cell.strip() else f"write {roles}"
        reasons.append(f"role: {said}")
        return None

    def _answers(
        self, role: Role, values: Mapping[str, str], today: date, reasons: list[str]
    ) -> tuple[dict[str, Answer], frozenset[str]]:
        answers: dict[str, Answer] = {}
        covered: set[str] = set()
        for step in self.questionnaire.steps_for(role):
            raw: dict[str, str] = {}
            for question_id in step.question_ids:
                column = column_for(question_id, role)
                if question_id == ROLE_QUESTION:
                    raw[question_id] = role.value
                elif column in values:
                    raw[question_id] = self._card_input(question_id, values[column])
                else:
                    continue
                covered.add(question_id)
            result = validate_step(self.questionnaire, role, step.id, raw, today)
            answers.update(result.answers)
            for question_id, message in result.errors.items():
                reasons.append(self._reason(question_id, role, raw.get(question_id), message))
        return answers, frozenset(covered)

    def _card_input(self, question_id: str, cell: str) -> str:
        """A cell as the card's input would send it: choice ids, multi-choices joined by commas."""
        kind = self.questionnaire.question(question_id).kind
        if kind is QuestionKind.MULTI:
            parts = [part.strip() for part in cell.split(";") if part.strip()]
            return ",".join(self._canonical(question_id, part) for part in parts)
        if kind is QuestionKind.SINGLE:
            return self._canonical(question_id, cell.strip())
        if kind is QuestionKind.TOGGLE:
            spelt = cell.strip().casefold()
            return "true" if spelt in _YES else "false" if spelt in _NO else cell
        return cell

    def _canonical(self, question_id: str, text: str) -> str:
        # Spelling-insensitive: "P4", "p-4", "English" for "en".
        return matching_choice(self.questionnaire.question(question_id), text) or text

    def _reason(self, question_id: str, role: Role, raw: str | None, message: str) -> str:
        column = column_for(question_id, role)
        said = message.rstrip(".")
        question = next((q for q in self.questionnaire.questions if q.id == question_id), None)
        if question is None or not raw:
            return f"{column}: {said}"
        unknown = _unknown_choices(question, raw)
        if unknown:
            listed = ", ".join(shown(value) for value in unknown[:3])
            verb = "is not one of the choices" if len(unknown) == 1 else "are not among the choices"
            return f"{column}: {listed} {verb} ({self._choices_hint(question)})"
        if question.kind in (QuestionKind.DATE, QuestionKind.NUMBER):
            return f"{column}: {said} (the file has {shown(raw)})"
        return f"{column}: {said}"

    def _choices_hint(self, question: Question) -> str:
        ids = question.choice_ids()
        if len(ids) <= _LISTED_CHOICES:
            return f"choose from {', '.join(ids)}"
        return (
            f"{len(ids)} choices: see python -m teams_app questionnaire "
            f"--programme {self.programme.id}"
        )


def read_email(cell: str, reasons: list[str]) -> str | None:
    """A plausible e-mail address, trimmed; a reason otherwise."""
    email = cell.strip()
    if not email:
        reasons.append("email: missing")
    elif len(email) > MAX_EMAIL or not _EMAIL.fullmatch(email):
        reasons.append(f"email: {shown(email)} is not an e-mail address")
    else:
        return email
    return None


def read_name(cell: str, reasons: list[str]) -> str | None:
    """A person's name with spacing tidied; a reason when blank or too long."""
    name = " ".join(_CONTROL.sub(" ", cell).split())
    if not name:
        reasons.append("name: missing")
    elif len(name) > MAX_NAME:
        reasons.append(f"name: longer than {MAX_NAME} characters")
    else:
        return name
    return None


def read_aad_object_id(cell: str, reasons: list[str]) -> str | None:
    """An optional Microsoft Entra object id (a GUID), lower-cased."""
    value = cell.strip().lower()
    if value and not _GUID.fullmatch(value):
        reasons.append(f"{ID_COLUMN}: {shown(cell)} is not a Microsoft Entra object id (a GUID)")
        return None
    return value or None


def _editions(cell: str, reasons: list[str]) -> tuple[str, ...]:
    parts = [part.strip() for part in re.split(r"[;,]", cell) if part.strip()]
    wrong = [part for part in parts if not _EDITION.fullmatch(part)]
    if wrong:
        reasons.append(f"{HISTORY_COLUMN}: {shown(wrong[0])} is not an edition such as 2024")
        return ()
    return tuple(dict.fromkeys(parts))


def _unknown_choices(question: Question, raw: str | None) -> list[str]:
    if not raw or question.kind not in (QuestionKind.SINGLE, QuestionKind.MULTI):
        return []
    ids = set(question.choice_ids())
    parts = raw.split(",") if question.kind is QuestionKind.MULTI else [raw]
    return [part.strip() for part in parts if part.strip() and part.strip() not in ids]
