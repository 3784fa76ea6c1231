"""Synthetic but realistic matching cohorts, built from the Together questionnaire's own choices.

Popularity is skewed (Zipf-like) over each question's choice ids, and mentors' supply follows a
perturbed copy of mentees' demand, so popular mentors are scarce, as in real cohorts. English
dominates the languages; mentors are more senior than mentees, though a few long-serving
mentees have no mentor senior enough; 80 duty stations span real IANA time zones; units are
few enough per entity that the same-unit rule bites now and then. Deterministic per seed: the
mentees of a seed do not depend on how many mentors are asked for, nor the other way round.

    from cohorts import synthetic_cohort          # with bench/ on sys.path
    mentees, mentors = synthetic_cohort(2_000, 1_200, seed=7)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.presets import load_programme

Rng = np.random.Generator
IntArray = npt.NDArray[np.int64]

# Share of people who speak each language; the remaining languages get OTHER_LANGUAGE each.
LANGUAGE_SHARE = {"en": 0.90, "fr": 0.35, "es": 0.25, "ar": 0.08, "ru": 0.08, "zh": 0.08}
OTHER_LANGUAGE = 0.025
# Headquarters and regional hubs first: they hold most staff, so they head the Zipf order.
HUB_STATIONS = (
    "New York", "Geneva", "Nairobi", "Vienna", "Bangkok", "Rome", "Addis Ababa", "Beirut",
    "Santiago", "Copenhagen", "Bonn", "The Hague", "Panama City", "Dakar", "Amman", "Istanbul",
)  # fmt: skip
DUTY_STATIONS = 80
UNITS_PER_ENTITY = 30
MENTEE_GRADES = ("G-4", "G-5", "G-6", "NO-A", "NO-B", "P-1", "P-2", "P-3", "P-4")
MENTOR_GRADES = ("G-6", "G-7", "NO-C", "NO-D", "P-3", "P-4", "P-5", "D-1", "D-2", "ASG")
WISHES = ("same", "different", None)


@dataclass(frozen=True)
class Vocabulary:
    """The choice ids the synthetic answers draw on, read from the programme's questionnaire."""

    goals: tuple[str, ...]
    skills: tuple[str, ...]
    topics: tuple[str, ...]
    activities: tuple[str, ...]
    languages: tuple[str, ...]
    job_networks: tuple[str, ...]
    stations: tuple[tuple[str, str], ...]  # (duty station, IANA zone)
    entities: tuple[str, ...]


@cache
def vocabulary(programme: str = "together") -> Vocabulary:
    """The questionnaire's choice ids for `programme`, with 80 duty stations and their zones."""
    loaded = load_programme(programme)
    questions = questionnaire_for(loaded)

    def ids(question: str) -> tuple[str, ...]:
        return tuple(choice.id for choice in questions.question(question).choices)

    return Vocabulary(
        goals=ids("goals"),
        skills=ids("skills_to_develop"),
        topics=ids("topics"),
        activities=ids("activities"),
        languages=ids("languages"),
        job_networks=ids("job_network"),
        stations=_stations(
            [(c.label, c.id) for c in questions.question("time_zone").choices if c.id != "Etc/UTC"]
        ),
        entities=tuple(e for g in loaded.registration.entity_groups for e in g.entities),
    )


def _stations(zones: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    # A zone's label lists its stations ("Abuja, Lagos (Africa/Lagos)"); its first names it.
    named = {label.rsplit(" (", 1)[0].split(", ")[0]: zone for label, zone in zones}
    for label, zone in zones:
        for name in label.rsplit(" (", 1)[0].split(", "):
            named.setdefault(name, zone)
    hubs = [(name, named[name]) for name in HUB_STATIONS]
    rest = [(name, zone) for name, zone in named.items() if name not in HUB_STATIONS]
    return tuple((hubs + rest)[:DUTY_STATIONS])


def zipf_weights(n: int, exponent: float = 1.0) -> npt.NDArray[np.float64]:
    """Normalised 1/rank**exponent weights for `n` ranks."""
    weights = 1.0 / np.arange(1, n + 1, dtype=np.float64) ** exponent
    normalised: npt.NDArray[np.float64] = weights / weights.sum()
    return normalised


def popularity(n: int, rng: Rng, exponent: float = 1.0) -> npt.NDArray[np.float64]:
    """Zipf weights over `n` choices in a random order (which choice is popular varies)."""
    return zipf_weights(n, exponent)[rng.permutation(n)]


def supply_of(demand: npt.NDArray[np.float64], rng: Rng) -> npt.NDArray[np.float64]:
    """Mentors' popularity: mentees' demand, perturbed, so supply and demand only roughly agree."""
    supply = demand * rng.lognormal(0.0, 0.6, demand.size)
    normalised: npt.NDArray[np.float64] = supply / supply.sum()
    return normalised


def pick_sets(
    rng: Rng, weights: npt.NDArray[np.float64], low: int, high: int, n: int
) -> list[list[int]]:
    """For `n` people, `low`..`high` distinct choice indices each, drawn by `weights`."""
    # Gumbel top-k: sorting log-weights plus Gumbel noise samples without replacement.
    keys = np.log(weights)[None, :] + rng.gumbel(size=(n, weights.size))
    order = np.argsort(-keys, axis=1)[:, :high].tolist()
    counts = rng.integers(low, high + 1, size=n).tolist()
    return [row[:count] for row, count in zip(order, counts, strict=True)]


def language_sets(rng: Rng, languages: tuple[str, ...], n: int) -> npt.NDArray[np.bool_]:
    """An n × languages matrix of who speaks what; everyone speaks at least one language."""
    share = np.array([LANGUAGE_SHARE.get(code, OTHER_LANGUAGE) for code in languages])
    speaks = rng.random((n, len(languages))) < share[None, :]
    silent = np.flatnonzero(~speaks.any(axis=1))
    # Someone without English or a UN language speaks one of the others fluently.
    others = [i for i, code in enumerate(languages) if code not in LANGUAGE_SHARE]
    speaks[silent, rng.choice(others, size=silent.size)] = True
    return speaks


def preferred_languages(
    rng: Rng, languages: tuple[str, ...], speaks: npt.NDArray[np.bool_]
) -> list[str | None]:
    """A preferred language among those spoken (English if spoken, mostly), or none for 20%."""
    english = languages.index("en")
    noise = rng.random(speaks.shape) + np.where(speaks, 1.0, -2.0)
    noise[:, english] += np.where(speaks[:, english], 1.5, 0.0)
    chosen = np.argmax(noise, axis=1)
    none = rng.random(len(chosen)) < 0.2
    return [None if skip else languages[i] for i, skip in zip(chosen.tolist(), none, strict=True)]


def seniority(rng: Rng, n: int, mentors: bool) -> tuple[npt.NDArray[np.float64], IntArray]:
    """Years in the organisation and a grade index that grows with them."""
    if mentors:
        years = 2.0 + rng.gamma(4.0, 3.2, n)  # mean ~15, never under the 2-year minimum
        years = np.minimum(years, 36.0)
        grades, span = len(MENTOR_GRADES), 36.0
    else:
        years = rng.gamma(2.0, 2.8, n)  # mean ~5.6
        veterans = rng.random(n) < 0.004  # long-serving mentees few mentors can out-rank
        years[veterans] = rng.uniform(33.0, 40.0, int(veterans.sum()))
        grades, span = len(MENTEE_GRADES), 16.0
    rank = np.clip(years / span * grades + rng.normal(0.0, 1.5, n), 0, grades - 1)
    return np.round(years, 1), rank.astype(np.int64)


@dataclass(frozen=True)
class Draws:
    """The per-person random draws of one role, as plain lists indexed by person."""

    goals: list[list[int]]
    skills: list[list[int]]
    topics: list[list[int]]
    activities: list[list[int]]
    spoken: list[frozenset[str]]
    preferred: list[str | None]
    years: list[float]
    grade: list[int]
    station: list[int]
    entity: list[int]
    unit: list[int]
    network: list[int]
    wish: list[int]
    capacity: list[int]
    gender: list[str]


def draw(mentors: bool, n: int, rng: Rng, demand: dict[str, npt.NDArray[np.float64]]) -> Draws:
    """Every random answer for `n` mentees or mentors, drawn a column at a time."""
    words = vocabulary()
    weight = {k: supply_of(v, rng) if mentors else v for k, v in demand.items()}
    speaks = language_sets(rng, words.languages, n)
    years, grade = seniority(rng, n, mentors)
    return Draws(
        goals=pick_sets(rng, weight["goals"], 2 if mentors else 1, 5 if mentors else 3, n),
        skills=pick_sets(rng, weight["skills"], 2 if mentors else 1, 5, n),
        topics=pick_sets(rng, weight["topics"], 1, 5, n),
        activities=pick_sets(rng, weight["activities"], 1, 4, n),
        spoken=[frozenset(words.languages[j] for j in np.flatnonzero(row)) for row in speaks],
        preferred=preferred_languages(rng, words.languages, speaks),
        years=years.tolist(),
        grade=grade.tolist(),
        station=rng.choice(len(words.stations), size=n, p=weight["stations"]).tolist(),
        entity=rng.choice(len(words.entities), size=n, p=weight["entities"]).tolist(),
        unit=rng.choice(UNITS_PER_ENTITY, size=n, p=zipf_weights(UNITS_PER_ENTITY, 1.1)).tolist(),
        network=rng.choice(len(words.job_networks), size=n, p=weight["job_networks"]).tolist(),
        wish=rng.choice(3, size=n, p=[0.35, 0.15, 0.5]).tolist(),
        capacity=rng.choice([1, 2, 3], size=n, p=[0.5, 0.3, 0.2]).tolist(),
        gender=rng.choice(["female", "male", "undisclosed"], size=n, p=[0.52, 0.44, 0.04]).tolist(),
    )


def people(
    role: str, n: int, rng: Rng, demand: dict[str, npt.NDArray[np.float64]]
) -> list[MatchProfile]:
    """`n` synthetic mentees or mentors (`role`), drawn with `rng` under `demand` popularity."""
    words, mentors = vocabulary(), role == "mentor"
    d = draw(mentors, n, rng, demand)
    grades = MENTOR_GRADES if mentors else MENTEE_GRADES
    return [
        MatchProfile(
            key=f"{role}-{i:06d}",
            name=f"{role.title()} {i}",
            years_in_organisation=d.years[i],
            languages=d.spoken[i],
            preferred_language=d.preferred[i],
            goals=frozenset(words.goals[j] for j in d.goals[i]),
            skills=frozenset(words.skills[j] for j in d.skills[i]),
            topics=frozenset(words.topics[j] for j in d.topics[i]),
            activities=frozenset(words.activities[j] for j in d.activities[i]),
            job_network=words.job_networks[d.network[i]],
            job_network_wish=None if mentors else WISHES[d.wish[i]],
            time_zone=words.stations[d.station[i]][1],
            duty_station=words.stations[d.station[i]][0],
            entity=words.entities[d.entity[i]],
            unit=f"{words.entities[d.entity[i]]}/unit-{d.unit[i]:02d}",
            grade=grades[d.grade[i]],
            gender=d.gender[i],
            capacity=d.capacity[i] if mentors else 1,
        )
        for i in range(n)
    ]


def synthetic_cohort(
    n_mentees: int, n_mentors: int, seed: int
) -> tuple[list[MatchProfile], list[MatchProfile]]:
    """`n_mentees` mentees and `n_mentors` mentors (capacity 1–3), the same for the same seed."""
    words = vocabulary()
    shared, mentee_seed, mentor_seed = np.random.SeedSequence(seed).spawn(3)
    rng = np.random.default_rng(shared)
    demand = {
        "goals": popularity(len(words.goals), rng),
        "skills": popularity(len(words.skills), rng),
        "topics": popularity(len(words.topics), rng),
        "activities": popularity(len(words.activities), rng, 0.7),
        "job_networks": popularity(len(words.job_networks), rng, 0.8),
        "stations": zipf_weights(len(words.stations), 0.9),
        "entities": popularity(len(words.entities), rng, 0.9),
    }
    mentees = people("mentee", n_mentees, np.random.default_rng(mentee_seed), demand)
    mentors = people("mentor", n_mentors, np.random.default_rng(mentor_seed), demand)
    return mentees, mentors
