"""What the matching engine needs of a programme: rules, weights, objective, words for reasons."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from teams_app.domain.programme import Objective, PairRules, Programme, ScoreWeights
from teams_app.domain.questionnaire import questionnaire_for

# Score units per unit of weight: scores are whole numbers inside the engine, so the optimum
# is exact; they are shown divided by SCALE.
SCALE = 1000
# Working hours are compared on this day: one fixed day keeps scores reproducible all year.
REFERENCE_DAY = date(2026, 1, 15)
# Vocabulary a reason draws its labels from, by the question that lists the choices.
LABEL_QUESTIONS = {
    "goals": "goals",
    "skills": "skills_to_develop",
    "topics": "topics",
    "activities": "activities",
    "languages": "languages",
    "job_network": "job_network",
}
Labels = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class MatchSettings:
    """The engine's configuration for one programme; `settings_for` builds it from the preset."""

    objective: Objective = Objective.PARTICIPATION_FIRST
    seniority_gap_years: int = 2
    suggestions: int = 5
    max_mentor_capacity: int = 1
    weights: ScoreWeights = field(default_factory=ScoreWeights)
    rules: PairRules = field(default_factory=PairRules)
    candidates_per_mentee: int = 24
    candidates_per_mentor: int = 16
    # Pairs per mentee that pricing rounds check exactly; the rest are bounded, and only the
    # few the bound cannot clear are scored again (more tracked: fewer scored, more memory).
    tracked_per_mentee: int = 128
    max_pricing_rounds: int = 12
    block_rows: int = 256
    # Threads scoring blocks at once: both cores of the 2-core reference machine. Results do
    # not depend on it; on a busier server, fewer leaves more to the bot.
    threads: int = 2
    reference_day: date = REFERENCE_DAY
    labels: Labels = field(default_factory=lambda: MappingProxyType({}), compare=False)

    def label(self, vocabulary: str, choice_id: str) -> str:
        """The questionnaire's label of `choice_id`, or the id itself if it has none."""
        return self.labels.get(vocabulary, {}).get(choice_id, choice_id)

    def part_points(self) -> dict[str, int]:
        """Each score part's maximum, in whole score units (weight × SCALE)."""
        return {name: round(weight * SCALE) for name, weight in self.weights.as_dict().items()}


def settings_for(programme: Programme) -> MatchSettings:
    """The matching settings of `programme`, with its questionnaire's labels for reasons."""
    matching = programme.matching
    return MatchSettings(
        objective=matching.objective,
        seniority_gap_years=matching.seniority_gap_years,
        suggestions=matching.suggestions,
        max_mentor_capacity=matching.max_mentor_capacity,
        weights=matching.weights,
        rules=matching.rules,
        candidates_per_mentee=matching.candidates_per_mentee,
        candidates_per_mentor=matching.candidates_per_mentor,
        labels=_labels(programme),
    )


def _labels(programme: Programme) -> Labels:
    questionnaire = questionnaire_for(programme)
    labels: dict[str, Mapping[str, str]] = {}
    for vocabulary, question_id in LABEL_QUESTIONS.items():
        try:
            question = questionnaire.question(question_id)
        except KeyError:
            continue
        labels[vocabulary] = MappingProxyType({c.id: c.label for c in question.choices})
    return MappingProxyType(labels)
