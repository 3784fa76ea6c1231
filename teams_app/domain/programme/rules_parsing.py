"""Reading the sessions, eligibility, matching and reminder rules of a preset."""

from __future__ import annotations

from dataclasses import fields

from teams_app.domain.programme.errors import PresetError
from teams_app.domain.programme.reader import TableReader
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

SLUG = r"[a-z][a-z0-9_-]{0,39}"
SLUG_ALLOWED = "a short lowercase name like 'expectations' (a-z, 0-9, - and _)"
SESSIONS_KEYS = (
    "length_minutes",
    "per_month",
    "every_days",
    "planned",
    "notice_hours",
    "rhythm",
    "phases",
)
PHASE_KEYS = ("id", "title", "first_session", "last_session", "final", "steps")
ELIGIBILITY_KEYS = tuple(field.name for field in fields(Eligibility))
WEIGHT_KEYS = tuple(field.name for field in fields(ScoreWeights))
MATCHING_KEYS = tuple(field.name for field in fields(Matching))
PAIR_RULE_KEYS = tuple(field.name for field in fields(PairRules))
EXCLUSION_KEYS = tuple(field.name for field in fields(EntityExclusion))
REMINDER_KEYS = tuple(field.name for field in fields(Reminders))
# What a mentee can filter mentors by in search mode; JPOSC's four come from its guidelines.
SEARCH_FILTERS = (
    "duty_station",
    "gender",
    "practice_area",
    "unit",
    "language",
    "entity",
    "job_network",
    "grade",
    "nationality",
)
DEFAULT_SEARCH_FILTERS = ("duty_station", "gender", "practice_area", "unit")


def parse_sessions(table: TableReader, duration_months: int) -> Sessions:
    """The `[sessions]` table; the planned count defaults to what the cadence gives."""
    length = table.whole("length_minutes", 15, 240)
    cadence = _parse_cadence(table)
    planned = table.whole("planned", 1, 100, cadence.sessions_in(duration_months))
    notice = table.whole("notice_hours", 0, 336, 24)
    phases = _parse_phases(table, planned)
    rhythm = table.optional_text("rhythm", "one sentence of 1 to 200 characters") or ""
    return Sessions(length, cadence, planned, notice, phases, rhythm)


def _parse_cadence(table: TableReader) -> Cadence:
    if table.has("per_month") == table.has("every_days"):
        table.fail(
            "per_month",
            "give exactly one of per_month (sessions a month, 1 to 8) "
            "or every_days (days from one session to the next, 1 to 90)",
        )
    if table.has("per_month"):
        return Cadence(sessions_per_month=table.whole("per_month", 1, 8))
    return Cadence(days_between_sessions=table.whole("every_days", 1, 90))


def _parse_phases(table: TableReader, planned: int) -> tuple[Phase, ...]:
    phases: list[Phase] = []
    for row in table.tables("phases", PHASE_KEYS):
        phase = _parse_phase(row, planned)
        if any(seen.id == phase.id for seen in phases):
            row.fail("id", f"{phase.id!r} is used by an earlier phase; give each phase its own id")
        if phase.final and any(seen.final for seen in phases):
            row.fail("final", "only one phase can be the final session")
        starts = [seen.first_session for seen in phases if not seen.final]
        if not phase.final and starts and phase.first_session < max(starts):
            row.fail("first_session", "phases must be listed in the order they start")
        phases.append(phase)
    return tuple(phases)


def _parse_phase(row: TableReader, planned: int) -> Phase:
    phase_id = row.text("id", SLUG_ALLOWED, SLUG)
    title = row.text("title", "a title of 1 to 120 characters", max_length=120)
    steps = row.texts("steps")
    if row.flag("final", False):
        for key in ("first_session", "last_session"):
            if row.has(key):
                row.fail(key, "leave it out: a final phase is the programme's last session")
        return Phase(phase_id, title, first_session=planned, final=True, steps=steps)
    first = row.whole("first_session", 0, planned)
    last = row.whole("last_session", first, planned) if row.has("last_session") else None
    return Phase(phase_id, title, first, last, steps=steps)


def parse_eligibility(table: TableReader) -> Eligibility:
    """The `[eligibility]` table; every key is optional and defaults to "no restriction"."""
    ladder = table.texts("grade_ladder")
    return Eligibility(
        mentor_min_years_in_organisation=table.whole("mentor_min_years_in_organisation", 0, 40, 0),
        previous_mentee_editions_barred=table.whole("previous_mentee_editions_barred", 0, 10, 0),
        invite_barred_mentees_to_mentor=table.flag("invite_barred_mentees_to_mentor", False),
        mentor_must_be_former_jpo=table.flag("mentor_must_be_former_jpo", False),
        mentee_assignment_types=table.texts("mentee_assignment_types"),
        grade_ladder=ladder,
        mentor_grades=table.texts("mentor_grades", options=ladder),
        mentee_grades=table.texts("mentee_grades", options=ladder),
    )


def parse_matching(table: TableReader) -> Matching:
    """The `[matching]` table: mode and objective are required, the rest has defaults."""
    mode = MatchingMode(table.choice("mode", [mode.value for mode in MatchingMode]))
    objective = Objective(table.choice("objective", [item.value for item in Objective]))
    suggestions = table.whole("suggestions", 1, 20, 5)
    return Matching(
        mode=mode,
        objective=objective,
        seniority_gap_years=table.whole("seniority_gap_years", 0, 40, 2),
        suggestions=suggestions,
        choices=table.whole("choices", 1, suggestions, min(3, suggestions)),
        mentor_response_days=table.whole("mentor_response_days", 1, 30, 3),
        max_mentor_capacity=table.whole("max_mentor_capacity", 1, 20, 1),
        max_active_mentors_per_mentee=table.whole("max_active_mentors_per_mentee", 1, 5, 1),
        search_filters=_parse_search_filters(table, mode),
        weights=_parse_weights(table.table("weights", WEIGHT_KEYS)),
        rules=_parse_pair_rules(table.table("rules", PAIR_RULE_KEYS)),
        candidates_per_mentee=table.whole("candidates_per_mentee", 1, 100, 24),
        candidates_per_mentor=table.whole("candidates_per_mentor", 0, 100, 16),
    )


def _parse_pair_rules(table: TableReader) -> PairRules:
    """The `[matching.rules]` table: hard rules on pairs, each on or off."""
    exclusions = tuple(
        EntityExclusion(_entities(row, "mentee_entities"), _entities(row, "mentor_entities"))
        for row in table.tables("entity_exclusions", EXCLUSION_KEYS)
    )
    return PairRules(
        shared_language=table.flag("shared_language", True),
        different_unit=table.flag("different_unit", True),
        different_entity=table.flag("different_entity", False),
        entity_exclusions=exclusions,
    )


def _entities(row: TableReader, key: str) -> tuple[str, ...]:
    if not row.has(key):
        row.fail(key, "missing; must be a list of entity names, as applicants write them")
    entities = row.texts(key)
    if not entities:
        row.fail(key, "must list at least one entity")
    return entities


def _parse_search_filters(table: TableReader, mode: MatchingMode) -> tuple[str, ...]:
    if mode is not MatchingMode.SEARCH:
        if table.has("search_filters"):
            table.fail("search_filters", "only used when matching.mode = 'search'; remove it")
        return ()
    filters = table.texts("search_filters", SEARCH_FILTERS, DEFAULT_SEARCH_FILTERS)
    if not filters:
        table.reject("search_filters", "a non-empty list of filters", list(filters))
    return filters


def _parse_weights(table: TableReader) -> ScoreWeights:
    defaults = ScoreWeights().as_dict()
    weights = {key: table.number(key, 0, 100, defaults[key]) for key in WEIGHT_KEYS}
    if sum(weights.values()) <= 0:
        raise PresetError(table.source, table.path, "at least one weight must be above 0")
    return ScoreWeights(**weights)


def parse_reminders(table: TableReader) -> Reminders:
    """The `[reminders]` table; participants always hear before administrators are alerted."""
    nudge = table.whole("mentee_nudge_days", 1, 60, 3)
    ping = table.whole("mentor_ping_days", 1, 60, 7)
    alert = table.whole("admin_alert_days", 1, 90, 14)
    if alert <= max(nudge, ping):
        table.fail(
            "admin_alert_days",
            f"must be more days than mentee_nudge_days and mentor_ping_days "
            f"({max(nudge, ping)}) so participants are reminded first, got {alert}",
        )
    hours = table.whole("session_reminder_hours", 1, 168, 24)
    cadence = table.whole("cadence_nudge_days", 7, 120, 30)
    cadence_mentor = table.whole("cadence_mentor_days", 1, 60, 7)
    return Reminders(nudge, ping, alert, hours, cadence, cadence_mentor)
