"""Alternative mentors for a rematch: the engine's suggestions among mentors with places left."""

from __future__ import annotations

from datetime import date

from teams_app.domain.applications import Cohort
from teams_app.domain.matching import profile_from_application, settings_for
from teams_app.domain.programme import Programme, Role
from teams_app.services.matching_participants import load_participants
from teams_app.services.matching_thread import match_on_thread
from teams_app.services.ports import Store

MAX_ALTERNATIVES = 3


async def alternative_mentors(
    store: Store,
    programme: Programme,
    cohort: Cohort,
    mentee: str,
    today: date,
    limit: int = MAX_ALTERNATIVES,
) -> tuple[tuple[str, float, tuple[str, ...]], ...]:
    """Up to `limit` (mentor, score, reasons) for a mentee, best first.

    Only mentors with a place left; never one the mentee was paired with before (any cohort)
    or whose request was declined or expired (the store's excluded pairs).
    """
    participants = await load_participants(store, programme, cohort, today)
    application = participants.application(mentee, Role.MENTEE)
    if application is None:
        return ()
    # A mentee still in the pairing being replaced is left out of `mentees`: build the profile.
    profile = next((m for m in participants.mentees if m.key == mentee), None)
    if profile is None:
        person = participants.people.get(mentee)
        profile = profile_from_application(application, person, programme, today)
    mentors = [m for m in participants.mentors if m.capacity > 0 and m.key != mentee]
    if not mentors:
        return ()
    result = await match_on_thread(
        [profile], mentors, settings_for(programme), excluded_pairs=participants.excluded_pairs
    )
    suggested = result.suggestions.get(mentee, ())
    return tuple((s.mentor, s.score, tuple(s.reasons)) for s in suggested[:limit])
