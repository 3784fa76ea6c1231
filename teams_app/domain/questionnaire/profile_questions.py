"""Questions about the person and their job: who they are, where they work, what they speak."""

from __future__ import annotations

from datetime import date

from teams_app.domain.programme import Programme, Role
from teams_app.domain.questionnaire import vocabulary as words
from teams_app.domain.questionnaire.model import (
    ROLE_QUESTION,
    Choice,
    HrField,
    Question,
    QuestionKind,
    Visibility,
)
from teams_app.domain.questionnaire.time_zones import TIME_ZONES

SINGLE, MULTI, TEXT = QuestionKind.SINGLE, QuestionKind.MULTI, QuestionKind.TEXT
PAIR = Visibility.PAIR
MENTOR, MENTEE = (Role.MENTOR,), (Role.MENTEE,)
# The United Nations was founded on 24 October 1945: no entry date can be earlier.
UN_FOUNDED = date(1945, 10, 24)

ENTITY = Question(
    "entity",
    TEXT,
    "Which organization or entity do you work for?",
    "entity",
    help="For example DPPA, UNICEF or UNDP.",
    required=True,
    visibility=PAIR,
    max_length=120,
    prefill_from=HrField.ENTITY,
)
UNIT = Question(
    "unit",
    TEXT,
    "Which unit, office or department are you in?",
    "unit",
    visibility=PAIR,
    max_length=120,
    prefill_from=HrField.UNIT,
)
DUTY_STATION = Question(
    "duty_station",
    TEXT,
    "What is your duty station?",
    "duty station",
    help="City and country, for example Nairobi, Kenya.",
    required=True,
    visibility=PAIR,
    max_length=120,
    prefill_from=HrField.DUTY_STATION,
)
TIME_ZONE = Question(
    "time_zone",
    SINGLE,
    "Which time zone do you work in?",
    "time zone",
    help="We use it to suggest meeting times that suit you both.",
    choices=TIME_ZONES,
    required=True,
    visibility=PAIR,
    prefill_from=HrField.TIME_ZONE,
)
JOB_NETWORK = Question(
    "job_network",
    SINGLE,
    "Which job network do you work in?",
    "job network",
    help="The one closest to your current job.",
    choices=words.JOB_NETWORKS,
    required=True,
    visibility=PAIR,
    prefill_from=HrField.JOB_NETWORK,
)
# The matching scores a mentor's job network against this wish (the preset's job_network weight).
JOB_NETWORK_WISH = Question(
    "job_network_wish",
    SINGLE,
    "Would you like a mentor from your own job network or from another one?",
    "job network preference",
    choices=(
        Choice("same", "My own job network"),
        Choice("different", "Another job network"),
        Choice("no_preference", "No preference"),
    ),
    visibility=PAIR,
    roles=MENTEE,
)
ENTRY_DATE = Question(
    "entry_date",
    QuestionKind.DATE,
    "When did you join the organization?",
    "entry date",
    help="Your entry on duty; it tells us your years of service.",
    required=True,
    visibility=PAIR,
    past_only=True,
    not_before=UN_FOUNDED,
    prefill_from=HrField.ENTRY_DATE,
)
LANGUAGES = Question(
    "languages",
    MULTI,
    "Which languages do you speak well enough for mentoring conversations?",
    "language",
    help="The six UN languages come first.",
    choices=words.LANGUAGES,
    required=True,
    visibility=PAIR,
)
OTHER_LANGUAGES = Question(
    "other_languages",
    TEXT,
    "Any other languages?",
    "other languages",
    help="Separate them with commas.",
    visibility=PAIR,
    max_length=200,
)
PREFERRED_LANGUAGE = Question(
    "preferred_language",
    SINGLE,
    "Which language would you prefer for your mentoring sessions?",
    "preferred language",
    choices=words.LANGUAGES,
    required=True,
    visibility=PAIR,
    default="en",
)
FORMER_JPO = Question(
    "former_jpo",
    SINGLE,
    "Were you a Junior Professional Officer (JPO) or a Special Assistant to the Resident "
    "Coordinator (SARC)?",
    "former JPO or SARC status",
    choices=(Choice("jpo", "Yes, a JPO"), Choice("sarc", "Yes, a SARC"), Choice("no", "No")),
    required=True,
    visibility=PAIR,
    roles=MENTOR,
)
GENDER = Question(
    "gender",
    SINGLE,
    "Your gender, for mentees who search mentors by it",
    "gender",
    choices=words.GENDERS,
    visibility=PAIR,
    roles=MENTOR,
)
NATIONALITY = Question(
    "nationality",
    TEXT,
    "Your nationality, for mentees who search mentors by it",
    "nationality",
    visibility=PAIR,
    roles=MENTOR,
    max_length=80,
)


def about_you(programme: Programme) -> list[Question]:
    """Role, where the person works, and what mentees may search mentors by."""
    filters = programme.matching.search_filters
    # Search mode filters mentors by these; its other filters map onto questions asked anyway.
    searched = [question for question in (GENDER, NATIONALITY) if question.id in filters]
    return [_role(programme), ENTITY, UNIT, DUTY_STATION, TIME_ZONE, *searched]


def your_job(programme: Programme) -> list[Question]:
    """Job network, grade and time in the organization: the matching's job profile."""
    eligibility = programme.eligibility
    questions = [JOB_NETWORK, JOB_NETWORK_WISH, _grade(eligibility.grade_ladder), ENTRY_DATE]
    if eligibility.mentor_must_be_former_jpo:
        questions.append(FORMER_JPO)
    if eligibility.mentee_assignment_types:
        questions.append(_assignment_type(eligibility.mentee_assignment_types))
    return questions


def languages() -> list[Question]:
    """Languages spoken, others in free text, and the language to mentor in."""
    return [LANGUAGES, OTHER_LANGUAGES, PREFERRED_LANGUAGE]


def _role(programme: Programme) -> Question:
    choices = [Choice("mentee", "Mentee"), Choice("mentor", "Mentor")]
    if programme.registration.allow_both_roles:
        choices.append(Choice("both", "Both, as two separate applications"))
    return Question(
        ROLE_QUESTION,
        SINGLE,
        "Would you like to join as a mentee or a mentor?",
        "role",
        choices=tuple(choices),
        required=True,
    )


def _grade(ladder: tuple[str, ...]) -> Question:
    # Choice ids are the grades as presets spell them, so eligibility can compare them.
    return Question(
        "grade",
        SINGLE,
        "What is your grade?",
        "grade",
        choices=tuple(Choice(grade, grade) for grade in ladder or words.DEFAULT_GRADE_LADDER),
        required=True,
        visibility=PAIR,
        prefill_from=HrField.GRADE,
    )


def _assignment_type(types: tuple[str, ...]) -> Question:
    return Question(
        "assignment_type",
        SINGLE,
        "What is your current assignment?",
        "assignment",
        choices=tuple(Choice(kind, kind) for kind in types),
        required=True,
        visibility=PAIR,
        roles=MENTEE,
    )
