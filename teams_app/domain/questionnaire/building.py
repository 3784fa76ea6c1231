"""`questionnaire_for`: a programme preset's questionnaire, as a short series of cards."""

from __future__ import annotations

from dataclasses import replace

from teams_app.domain.programme import MatchingMode, Programme
from teams_app.domain.questionnaire import interest_questions as interests
from teams_app.domain.questionnaire import profile_questions as profile
from teams_app.domain.questionnaire.model import Question, Questionnaire, Step, Visibility

SHARED_NOTE = (
    "Answers marked “shown on your profile” may be seen by the person you are paired with; "
    "everything else stays with the programme administrators."
)
PRIVATE_NOTE = "Only the programme administrators see your answers; your match never does."
# Each step's title and intro, in the order the cards are shown; diversity always comes last.
STEP_TEXTS: dict[str, tuple[str, str]] = {
    "about_you": (
        "About you",
        "Tell us where you work. What we could fill in from HR records is already there: "
        "check it and correct anything out of date.",
    ),
    "your_job": (
        "Your job",
        "Your job profile helps us pair you with someone whose experience fits yours.",
    ),
    "languages": (
        "Languages",
        "Pairing considers the six official UN languages; meeting your preference depends on "
        "who joins this edition.",
    ),
    "mentee_goals": (
        "What you want from mentoring",
        "Be specific: your objective is the first thing a mentor reads about you.",
    ),
    "mentor_offer": (
        "What you can offer",
        "Mentees are paired with mentors whose experience matches what they want to learn.",
    ),
    "preferences": (
        "Topics and activities",
        "What you would like to talk about and do together in your sessions.",
    ),
    "diversity": (
        "Diversity and inclusion (optional)",
        "Every question here is optional and each has a “Prefer not to say”. Your answers are "
        "confidential: only the programme administrators can read them, they are stored "
        "encrypted, and they count in your matching only if you switch on the last option.",
    ),
}


def questionnaire_for(programme: Programme) -> Questionnaire:
    """The questionnaire people fill in to join `programme`, built from its preset."""
    sections = {
        "about_you": profile.about_you(programme),
        "your_job": profile.your_job(programme),
        "languages": profile.languages(),
        "mentee_goals": interests.mentee_goals(),
        "mentor_offer": interests.mentor_offer(programme),
        "preferences": interests.preferences(),
    }
    # Diversity data is collected only where the matching can use it (seed 000: IOM).
    if programme.matching.weights.diversity > 0:
        sections["diversity"] = interests.diversity()
    return _assemble(programme.id, sections, answers_shared_with_pair(programme))


def answers_shared_with_pair(programme: Programme) -> bool:
    """Whether `pair` answers may be shown to the matched person in this programme."""
    # Seed 001: in IOM's administrator-run matching "no information from your registration
    # form responses has been shared with the colleague you are paired with". No preset
    # field says so yet, so the matching mode stands in for it.
    return programme.matching.mode is not MatchingMode.ADMIN


def _assemble(
    programme_id: str, sections: dict[str, list[Question]], shared: bool
) -> Questionnaire:
    steps: list[Step] = []
    questions: list[Question] = []
    for step_id, asked in sections.items():
        kept = asked if shared else [_private(question) for question in asked]
        title, intro = STEP_TEXTS[step_id]
        if step_id == "about_you":
            intro = f"{intro} {SHARED_NOTE if shared else PRIVATE_NOTE}"
        steps.append(Step(step_id, title, intro, tuple(question.id for question in kept)))
        questions.extend(kept)
    return Questionnaire(programme_id, tuple(steps), tuple(questions))


def _private(question: Question) -> Question:
    if question.visibility is Visibility.PAIR:
        return replace(question, visibility=Visibility.ADMIN)
    return question
