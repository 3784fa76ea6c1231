"""The dev-mode clock card: where Tandem's clock stands and what ran."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from microsoft_teams.cards import CardElement, Fact, FactSet

from cards.base import header, paragraph, render
from cards.signup import notice_box
from teams_app.services.dev_clock import DevClockView


def dev_clock_card(view: DevClockView) -> dict[str, Any]:
    """What the `dev clock` command did, or why it did nothing."""
    title = "Dev clock" if not view.refused else "Dev clock: not in dev mode"
    body: list[CardElement] = [*header(title, "Development only: moves Tandem's time forward")]
    if view.problem:
        body.append(notice_box(f"Nothing moved: {view.problem}", "warning"))
    if view.now is not None:
        facts = [Fact(title="Tandem's time", value=_moment(view.now))]
        if view.moved_by:
            facts.insert(0, Fact(title="Moved forward", value=_span(view.moved_by)))
        if not view.problem:
            facts.append(Fact(title="Due jobs checked", value=str(view.handled)))
            facts.append(Fact(title="Jobs waiting", value=str(view.waiting)))
        if view.next_due is not None and not view.problem:
            facts.append(Fact(title="Next one due", value=_moment(view.next_due)))
        body.append(FactSet(facts=facts, spacing="Medium"))
    if not view.refused:
        body.append(
            paragraph(
                "Checked jobs were sent, cancelled (their subject changed) or held for their "
                "recipient's working hours. Type “dev clock next” to go to the next waiting "
                "job, or “dev clock +2d” (also h, m) to move on.",
                is_subtle=True,
                spacing="Medium",
            )
        )
    return render(body, speak=title)


def _moment(moment: datetime) -> str:
    return moment.strftime("%a %d %b %Y %H:%M UTC")


def _span(by: timedelta) -> str:
    days, seconds = by.days, by.seconds
    parts = [f"{days} d"] if days else []
    if seconds // 3600:
        parts.append(f"{seconds // 3600} h")
    if seconds % 3600 // 60:
        parts.append(f"{seconds % 3600 // 60} min")
    return " ".join(parts) or "0 min"
