"""The matching engine run on a worker thread, never on the event loop.

A cohort's matching is seconds of CPU (about 2 s at 10,000×5,000 mentees × mentors, 23 s at
50,000×20,000). On the event loop it would hold up every other person's messages, card
presses and tab requests until it ended; on a worker thread they go on. The engine is pure
and keeps no state between calls, so matchings may also run at once.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Collection, Sequence

from teams_app.domain.matching import MatchProfile, MatchResult, MatchSettings, match_cohort


async def match_on_thread(
    mentees: Sequence[MatchProfile],
    mentors: Sequence[MatchProfile],
    settings: MatchSettings,
    *,
    excluded_pairs: Collection[tuple[str, str]] = (),
    progress: Callable[[int, int], None] | None = None,
) -> MatchResult:
    """`match_cohort` on a worker thread; `progress` is called on that thread."""
    run = functools.partial(
        match_cohort, mentees, mentors, settings, excluded_pairs=excluded_pairs, progress=progress
    )
    return await asyncio.to_thread(run)
