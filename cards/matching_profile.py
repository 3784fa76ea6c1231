"""A person's public profile on a card: the lines that help decide, the rest folded away."""

from __future__ import annotations

from microsoft_teams.cards import AdaptiveCard, CardElement, Container, ShowCardAction, TextBlock

from cards.base import actions_row, paragraph
from cards.signup import bullet_list
from teams_app.services.matching_views import PublicProfile

# Shown at once; the other answers sit behind "Full profile" so five mentors fit on one card.
MAX_VALUE = 400
KEY_FACTS = ("grade", "duty_station", "entity", "job_network", "languages")


def profile_block(
    profile: PublicProfile, reasons: tuple[str, ...], heading: str, full_profile: bool = True
) -> Container:
    """The person's name, key facts, why they were suggested, and the full profile on demand."""
    items: list[CardElement] = [TextBlock(text=heading, weight="Bolder", size="Medium", wrap=True)]
    if profile.objective:
        items.append(paragraph(f"“{profile.objective}”", spacing="Small"))
    facts = {line.question_id: line.value for line in profile.lines}
    key = [facts[qid] for qid in KEY_FACTS if facts.get(qid)]
    if key:
        items.append(paragraph(" · ".join(key), is_subtle=True, spacing="Small"))
    if reasons:
        items.append(paragraph("Why this match", weight="Bolder", spacing="Small"))
        items.append(bullet_list(reasons))
    if profile.lines and full_profile:
        full = ShowCardAction(title="Full profile", card=AdaptiveCard(body=_lines(profile)))
        items.append(actions_row([full]))
    return Container(items=items, style="emphasis", spacing="Medium")


def _lines(profile: PublicProfile) -> list[CardElement]:
    body: list[CardElement] = []
    for line in profile.lines:
        body.append(paragraph(line.label, is_subtle=True, spacing="Small"))
        body.append(paragraph(_shortened(line.value), spacing="None"))
    return body


def _shortened(text: str) -> str:
    # Five profiles share one card and Teams refuses cards over 28 KB.
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1].rstrip() + "…"
