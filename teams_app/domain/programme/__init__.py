"""A mentoring programme's rules as data: dataclasses, and `parse_programme` to build them."""

from teams_app.domain.programme.definition import Programme, add_months
from teams_app.domain.programme.errors import PresetError
from teams_app.domain.programme.parsing import parse_programme
from teams_app.domain.programme.registration import (
    EntityGroup,
    Registration,
    RegistrationWindow,
    Role,
    WindowStatus,
)
from teams_app.domain.programme.rules import (
    Cadence,
    Eligibility,
    EntityExclusion,
    Matching,
    MatchingMode,
    Objective,
    PairRules,
    Phase,
    Reminders,
    ScoreWeights,
    Sessions,
)

__all__ = [
    "Cadence",
    "Eligibility",
    "EntityExclusion",
    "EntityGroup",
    "Matching",
    "MatchingMode",
    "Objective",
    "PairRules",
    "Phase",
    "PresetError",
    "Programme",
    "Registration",
    "RegistrationWindow",
    "Reminders",
    "Role",
    "ScoreWeights",
    "Sessions",
    "WindowStatus",
    "add_months",
    "parse_programme",
]
