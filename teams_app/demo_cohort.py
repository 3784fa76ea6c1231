"""A demo cohort for dev mode: the demo people's applications, submitted, ready to match."""

from __future__ import annotations

import contextlib

from teams_app.demo import DEMO_PEOPLE
from teams_app.domain.applications import Application, ApplicationStatus, StaleApplication
from teams_app.domain.prefill import hr_answer
from teams_app.domain.programme import Programme, Role
from teams_app.domain.questionnaire import ROLE_QUESTION, Question, QuestionKind, questionnaire_for
from teams_app.services.ports import Store

AMINA, LUCAS, PRIYA, KENJI, SOFIA, GRACE = (p.aad_object_id for p in DEMO_PEOPLE)

# What each demo person answers beyond their HR record (choice ids of the questionnaire).
DEMO_ANSWERS: dict[str, tuple[Role, dict[str, str]]] = {
    AMINA: (
        Role.MENTEE,
        {
            "languages": "en,fr",
            "preferred_language": "fr",
            "goals": "career_paths,leadership",
            "personal_objective": "I coordinate humanitarian response in the Sahel and want "
            "to prepare for my first team-lead role: negotiating access and leading people.",
            "skills_to_develop": "negotiation,leadership",
            "topics": "career_development,mobility",
            "activities": "role_play,shadowing",
        },
    ),
    LUCAS: (
        Role.MENTEE,
        {
            "languages": "fr,en",
            "preferred_language": "fr",
            "goals": "next_level,network",
            "personal_objective": "I want to move from the General Service to a Professional "
            "post in conference management and need to understand how to get there.",
            "skills_to_develop": "project_management,writing",
            "topics": "job_applications,un_system_careers",
            "activities": "peer_feedback,networking",
        },
    ),
    PRIYA: (
        Role.MENTOR,
        {
            "languages": "en",
            "preferred_language": "en",
            "goals_supported": "career_paths,skill",
            "skills_to_share": "data_analysis,negotiation",
            "experience_to_share": "Fifteen years of statistics work at headquarters and in "
            "two country offices; I chair the Division's recruitment panels.",
            "topics": "career_development,job_applications",
            "activities": "role_play,situation_exercises",
        },
    ),
    KENJI: (
        Role.MENTOR,
        {
            "languages": "en,fr",
            "preferred_language": "en",
            "goals_supported": "leadership,career_paths",
            "skills_to_share": "leadership,negotiation",
            "experience_to_share": "Led trade negotiations support teams in Bangkok and "
            "Geneva; moved from the field to a regional commission.",
            "topics": "mobility,career_development",
            "activities": "shadowing,role_play",
        },
    ),
    GRACE: (
        Role.MENTOR,
        {
            "languages": "en,fr",
            "preferred_language": "en",
            "goals_supported": "leadership,network",
            "skills_to_share": "leadership,partnerships",
            "experience_to_share": "Director of a division of 200 staff; started as a P-2 in "
            "a field office and served in four duty stations.",
            "topics": "supervision,work_life_balance",
            "activities": "reverse_mentoring,networking",
        },
    ),
}


async def seed_demo_cohort(store: Store, programme: Programme) -> int:
    """Submit the demo applications to the current edition (once); how many there are."""
    questionnaire = questionnaire_for(programme)
    cohort = await store.ensure_cohort(programme.id, programme.edition)
    people = {person.aad_object_id: person for person in DEMO_PEOPLE}
    for key, (role, chosen) in DEMO_ANSWERS.items():
        answers: dict[str, str] = {}
        for question in questionnaire.questions_for(role):
            if question.id == ROLE_QUESTION:
                continue
            value = chosen.get(question.id) or hr_answer(question, people[key])
            value = value or (_default(question) if question.required else None)
            if value is not None:
                answers[question.id] = value
        application = Application(
            cohort.id, key, role.value, ApplicationStatus.SUBMITTED, answers, step="summary"
        )
        # StaleApplication: seeded before; keep whatever the demo user changed since.
        with contextlib.suppress(StaleApplication):
            await store.save_application(application)
    return len(DEMO_ANSWERS)


def _default(question: Question) -> str:
    # For questions only some programmes ask (gender, assignment type…): a valid answer.
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
        return question.choices[0].id
    if question.kind is QuestionKind.DATE:
        return "2012-01-01"
    if question.kind is QuestionKind.NUMBER:
        return str(question.min_value or 1)
    if question.kind is QuestionKind.TOGGLE:
        return "false"
    return "Happy to share what I have learnt across duty stations."
