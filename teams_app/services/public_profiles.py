"""The public profile: what a matched or suggested person may see of someone, and no more."""

from __future__ import annotations

from teams_app.domain.applications import Application
from teams_app.domain.people import Person
from teams_app.domain.questionnaire import Questionnaire, public_profile
from teams_app.services.matching_views import ProfileLine, PublicProfile
from teams_app.services.signup_answers import display

OBJECTIVE_QUESTION = "personal_objective"
# Shown in words elsewhere on the card (the duty station says where), or not useful to read.
_NOT_LISTED = frozenset({OBJECTIVE_QUESTION, "time_zone", "role"})
# The questionnaire asks "What is your grade?"; a profile of someone else reads "Grade".
PROFILE_LABELS = {
    "entity": "Entity",
    "unit": "Unit",
    "duty_station": "Duty station",
    "job_network": "Job network",
    "job_network_wish": "Mentor's job network",
    "grade": "Grade",
    "entry_date": "In the organisation since",
    "gender": "Gender",
    "former_jpo": "Former JPO or SARC",
    "assignment_type": "Assignment",
    "languages": "Languages",
    "other_languages": "Other languages",
    "preferred_language": "Preferred language for sessions",
    "goals": "Wants from mentoring",
    "skills_to_develop": "Wants to develop",
    "goals_supported": "Can help with",
    "skills_to_share": "Skills to share",
    "experience_to_share": "Experience to share",
    "topics": "Topics to discuss",
    "activities": "Favourite activities",
    "contact_modes": "Prefers to meet by",
}


def profile_of(
    questionnaire: Questionnaire, person: Person | None, application: Application | None
) -> PublicProfile:
    """Name, e-mail and the `pair` answers of `application`; never `admin` or confidential ones.

    Only `application.answers` is read: confidential answers live apart and are never passed
    to `public_profile`, so a mistake in a visibility flag cannot reveal them.
    """
    key = person.aad_object_id if person else (application.person_aad_id if application else "")
    name = person.name if person else "A colleague"
    email = person.email if person and not person.email.endswith(".invalid") else ""
    if application is None:
        return PublicProfile(key, name, email)
    shared = public_profile(questionnaire, application.answers)
    lines = tuple(
        ProfileLine(
            PROFILE_LABELS.get(question.id, question.label),
            display(question, str(shared[question.id])),
            question.id,
        )
        for question in questionnaire.questions
        if question.id in shared and question.id not in _NOT_LISTED and str(shared[question.id])
    )
    objective = shared.get(OBJECTIVE_QUESTION)
    return PublicProfile(key, name, email, lines, str(objective) if objective else None)
