"""The answer to `set admin channel`, and the refusal shown to anyone else."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import CardElement

from cards.base import VERB_HELP, button, header, paragraph, render
from teams_app.services.case_views import AdminChannelSetView

REFUSED = (
    "Only the programme administrators can do this. The attempt was recorded. If you should "
    "be one, ask the person who runs Tandem for your organisation."
)


def admin_channel_set_card(view: AdminChannelSetView) -> dict[str, Any]:
    """Confirms the channel and lists what administrators can type here."""
    body: list[CardElement] = [
        *header("This channel now receives the programme's cases", view.programme_name),
        paragraph(
            "Requests for a new match, conflict-of-interest reports and pairs without contact "
            "will be posted here as cards. Any administrator can act on them; the card shows "
            "who did what.",
            spacing="Medium",
        ),
        paragraph("Commands (mention Tandem first): " + ", ".join(view.commands) + "."),
    ]
    return render(body, [button("Help", VERB_HELP)], speak="Administrators' channel set.")


def refused_card() -> dict[str, Any]:
    """What a non-administrator sees after an administrators' command."""
    body: list[CardElement] = [*header("Administrators only"), paragraph(REFUSED)]
    return render(body, speak="Administrators only.")
