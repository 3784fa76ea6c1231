"""The end-of-programme reflection and feedback survey: its questions as data
(`programmes/surveys/<programme id>.toml`, from the programmes' guides), checking a person's
answers, and the aggregate administrators may see (never one person's answers)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from teams_app.domain.programme import Role
from teams_app.domain.programme.reader import TableReader

RATING_SCALE = ("1", "2", "3", "4", "5")
MAX_TEXT = 2000
SURVEY_KEYS = ("id", "title", "intro", "questions")
QUESTION_KEYS = ("id", "kind", "text", "options", "required", "roles")
ID_PATTERN = r"[a-z][a-z0-9_]{0,39}"


class SurveyQuestionKind(StrEnum):
    """How a question is answered."""

    RATING = "rating"  # 1 (lowest) to 5 (highest)
    CHOICE = "choice"  # one of `options`
    TEXT = "text"  # free text, at most MAX_TEXT characters


@dataclass(frozen=True)
class SurveyQuestion:
    """One question; `roles` empty means both mentees and mentors answer it."""

    id: str
    kind: SurveyQuestionKind
    text: str
    options: tuple[str, ...] = ()
    required: bool = False
    roles: tuple[Role, ...] = ()

    def asks(self, role: Role) -> bool:
        """Whether someone in `role` is asked this question."""
        return not self.roles or role in self.roles

    @property
    def allowed(self) -> tuple[str, ...]:
        """The answers a rating or choice accepts (empty for text)."""
        return RATING_SCALE if self.kind is SurveyQuestionKind.RATING else self.options


@dataclass(frozen=True)
class Survey:
    """A programme's survey: `id` names the edition's survey in stored answers."""

    id: str
    title: str
    intro: str
    questions: tuple[SurveyQuestion, ...]

    def for_role(self, role: Role) -> tuple[SurveyQuestion, ...]:
        """The questions someone in `role` answers, in order."""
        return tuple(q for q in self.questions if q.asks(role))

    def typed_text(self) -> frozenset[str]:
        """The ids of the questions answered in typed text (erased with personal data)."""
        return frozenset(q.id for q in self.questions if q.kind is SurveyQuestionKind.TEXT)


@dataclass(frozen=True)
class CheckedAnswers:
    """Answers kept (question id to answer) and what was wrong, by question id."""

    answers: dict[str, str]
    problems: dict[str, str]


def check_answers(survey: Survey, role: Role, raw: Mapping[str, object]) -> CheckedAnswers:
    """Keep the answers that fit their questions; say what is missing or not allowed.

    Only the questions of `role` are read: anything else the card sent is ignored.
    """
    answers: dict[str, str] = {}
    problems: dict[str, str] = {}
    for question in survey.for_role(role):
        value = raw.get(question.id)
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            if question.required:
                problems[question.id] = "Please answer this question."
            continue
        if question.allowed and text not in question.allowed:
            problems[question.id] = "Please choose one of the options."
        elif len(text) > MAX_TEXT:
            problems[question.id] = f"Please keep it under {MAX_TEXT} characters."
        else:
            answers[question.id] = text
    return CheckedAnswers(answers, problems)


@dataclass(frozen=True)
class QuestionSummary:
    """How one question was answered across everyone: counts per option, or a count of
    written answers (their words stay private)."""

    question: SurveyQuestion
    answered: int
    counts: tuple[tuple[str, int], ...] = ()
    average: float | None = None


def summarise(survey: Survey, answer_sets: Iterable[Mapping[str, str]]) -> list[QuestionSummary]:
    """The aggregate of many people's answers, question by question."""
    sets = list(answer_sets)
    summaries = []
    for question in survey.questions:
        given = [s[question.id] for s in sets if question.id in s]
        if question.kind is SurveyQuestionKind.TEXT:
            summaries.append(QuestionSummary(question, len(given)))
            continue
        tally = Counter(given)
        counts = tuple((option, tally.get(option, 0)) for option in question.allowed)
        average = None
        if question.kind is SurveyQuestionKind.RATING and given:
            average = round(sum(int(g) for g in given) / len(given), 2)
        summaries.append(QuestionSummary(question, len(given), counts, average))
    return summaries


def parse_survey(raw: Mapping[str, object], source: str) -> Survey:
    """Validate a survey file; PresetError names the file and the key."""
    top = TableReader(raw, "", source, SURVEY_KEYS)
    questions: list[SurveyQuestion] = []
    for row in top.tables("questions", QUESTION_KEYS):
        question_id = row.text("id", "an id of lower-case letters, digits and _", ID_PATTERN)
        if any(q.id == question_id for q in questions):
            row.fail("id", f"{question_id!r} is used twice; give each question its own id")
        kind = SurveyQuestionKind(row.choice("kind", [k.value for k in SurveyQuestionKind]))
        options = row.texts("options")
        if (kind is SurveyQuestionKind.CHOICE) != bool(options):
            row.fail("options", "a choice question lists its options; other kinds list none")
        roles = tuple(Role(r) for r in row.texts("roles", [r.value for r in Role]))
        text = row.text("text", max_length=300)
        required = row.flag("required", False)
        questions.append(SurveyQuestion(question_id, kind, text, options, required, roles))
    if not questions:
        top.fail("questions", "must list at least one question")
    return Survey(
        top.text("id", "an id of lower-case letters, digits and _", ID_PATTERN),
        top.text("title", max_length=120),
        top.text("intro", max_length=600),
        tuple(questions),
    )


@dataclass(frozen=True)
class SurveyResponse:
    """One person's answers to one survey about one pairing, stored once."""

    survey_id: str
    pairing_id: int
    person: str
    role: Role
    answers: Mapping[str, str]
    submitted_at: object = None  # a datetime once stored
    id: int | None = None
