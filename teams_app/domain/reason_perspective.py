"""Match reasons are written for the mentee; the mentor reads them about the mentee."""

from __future__ import annotations

# Second-person phrases of teams_app.domain.matching.reasons and their third-person form.
_REWRITES: tuple[tuple[str, str], ...] = (
    ("of your goals", "of {name}'s goals"),
    ("your goal", "{name}'s goal"),
    ("the skills you want to develop", "the skills {name} wants to develop"),
    ("the skill you want to develop", "the skill {name} wants to develop"),
    ("as you asked", "as {name} asked"),
)
# Never shown to the mentor: it would hint at the mentee's confidential diversity answers.
_MENTEE_ONLY = ("background you asked us to consider",)


def reasons_for_mentor(reasons: tuple[str, ...], mentee_first_name: str) -> tuple[str, ...]:
    """The mentee's reasons as the mentor reads them; confidential hints left out."""
    rewritten = []
    for reason in reasons:
        if any(phrase in reason for phrase in _MENTEE_ONLY):
            continue
        for mine, theirs in _REWRITES:
            reason = reason.replace(mine, theirs.format(name=mentee_first_name))
        rewritten.append(reason)
    return tuple(rewritten)
