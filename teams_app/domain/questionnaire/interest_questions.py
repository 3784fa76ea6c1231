"""Questions about what people want and offer: goals, skills, topics, activities, diversity."""

from __future__ import annotations

from teams_app.domain.programme import Programme, Role
from teams_app.domain.questionnaire import vocabulary as words
from teams_app.domain.questionnaire.model import Question, QuestionKind, Visibility

SINGLE, MULTI, TEXT = QuestionKind.SINGLE, QuestionKind.MULTI, QuestionKind.TEXT
PAIR, CONFIDENTIAL = Visibility.PAIR, Visibility.CONFIDENTIAL
MENTOR, MENTEE = (Role.MENTOR,), (Role.MENTEE,)
OBJECTIVE_MIN_LENGTH, OBJECTIVE_MAX_LENGTH = 20, 1000
DIVERSITY_CONSENT = "diversity_consent"

GOALS = Question(
    "goals",
    MULTI,
    "What do you most want from this programme?",
    "goal",
    help="Choose up to 3.",
    choices=words.GOALS,
    required=True,
    visibility=PAIR,
    roles=MENTEE,
    max_choices=3,
)
# Seed 002: "establish very clearly your personal objective ... so that mentors would
# understand what your needs and expectations are".
PERSONAL_OBJECTIVE = Question(
    "personal_objective",
    TEXT,
    "In your own words, what is your objective?",
    "personal objective",
    help="A mentor reads this first: say what you want to work on and why.",
    required=True,
    visibility=PAIR,
    roles=MENTEE,
    multiline=True,
    min_length=OBJECTIVE_MIN_LENGTH,
    max_length=OBJECTIVE_MAX_LENGTH,
)
SKILLS_TO_DEVELOP = Question(
    "skills_to_develop",
    MULTI,
    "Which competencies or skills do you want to develop?",
    "competency or skill",
    help="Choose up to 5.",
    choices=words.COMPETENCIES,
    required=True,
    visibility=PAIR,
    roles=MENTEE,
    max_choices=5,
    noun_plural="competencies or skills",
)
# Mentors answer from the same vocabularies as mentees, so the matching can compare them.
GOALS_SUPPORTED = Question(
    "goals_supported",
    MULTI,
    "Which goals could you best help a mentee with?",
    "goal",
    help="Choose up to 5.",
    choices=words.GOALS,
    required=True,
    visibility=PAIR,
    roles=MENTOR,
    max_choices=5,
)
SKILLS_TO_SHARE = Question(
    "skills_to_share",
    MULTI,
    "Which competencies or skills can you share?",
    "competency or skill",
    help="Choose up to 5.",
    choices=words.COMPETENCIES,
    required=True,
    visibility=PAIR,
    roles=MENTOR,
    max_choices=5,
    noun_plural="competencies or skills",
)
EXPERIENCE_TO_SHARE = Question(
    "experience_to_share",
    TEXT,
    "What experience would you like to share?",
    "experience",
    help="Career path, duty stations, areas of expertise.",
    visibility=PAIR,
    roles=MENTOR,
    multiline=True,
    max_length=1000,
)
TOPICS = Question(
    "topics",
    MULTI,
    "Which topics would you like to discuss?",
    "topic",
    help="Choose up to 5.",
    choices=words.TOPICS,
    required=True,
    visibility=PAIR,
    max_choices=5,
)
ACTIVITIES = Question(
    "activities",
    MULTI,
    "Which activities would you enjoy in your sessions?",
    "activity",
    noun_plural="activities",
    choices=words.ACTIVITIES,
    visibility=PAIR,
)
CONTACT_MODES = Question(
    "contact_modes",
    MULTI,
    "How would you like to meet and keep in touch?",
    "way to meet",
    noun_plural="ways to meet",
    choices=words.CONTACT_MODES,
    visibility=PAIR,
)
DIVERSITY_LABELS = (
    (
        "diversity_sogiesc",
        "Do you identify as a person of diverse sexual orientation, gender identity, gender "
        "expression or sex characteristics (SOGIESC)?",
    ),
    (
        "diversity_nationality",
        "Are you a national of a Member State that is under-represented in the international "
        "professional category?",
    ),
    (
        "diversity_minority",
        "Do you identify as part of a racial or ethnic minority in your country or duty station?",
    ),
    ("diversity_disability", "Do you identify as a person with a disability?"),
)
# Opt-in: seed 000 uses diversity "for those who wish these aspects to play a role".
CONSENT = Question(
    DIVERSITY_CONSENT,
    QuestionKind.TOGGLE,
    "Use this in my matching",
    "“Use this in my matching”",
    help="Off unless you switch it on. While it is off, your answers above play no part in "
    "your matching.",
    visibility=CONFIDENTIAL,
    default="false",
)


def mentee_goals() -> list[Question]:
    """What the mentee wants, in choices and in their own words."""
    return [GOALS, PERSONAL_OBJECTIVE, SKILLS_TO_DEVELOP]


def mentor_offer(programme: Programme) -> list[Question]:
    """What the mentor can help with and, where the preset allows several, how many mentees."""
    questions = [GOALS_SUPPORTED, SKILLS_TO_SHARE, EXPERIENCE_TO_SHARE]
    most = programme.matching.max_mentor_capacity
    if most > 1:
        # With a maximum of one the question has a single possible answer, so it is not asked.
        questions.append(
            Question(
                "capacity",
                QuestionKind.NUMBER,
                "How many mentees can you take on?",
                "number of mentees",
                help=f"From 1 to {most}.",
                required=True,
                roles=MENTOR,
                min_value=1,
                max_value=most,
                default="1",
            )
        )
    return questions


def preferences() -> list[Question]:
    """Topics to discuss, favourite activities and how to keep in touch."""
    return [TOPICS, ACTIVITIES, CONTACT_MODES]


def diversity() -> list[Question]:
    """The optional diversity section: never required, confidential, used only with consent."""
    asked = [
        Question(
            question_id,
            SINGLE,
            label,
            "answer",
            choices=words.YES_NO_PREFER_NOT,
            visibility=CONFIDENTIAL,
        )
        for question_id, label in DIVERSITY_LABELS
    ]
    return [*asked, CONSENT]
