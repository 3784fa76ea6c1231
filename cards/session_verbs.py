"""The verbs of the scheduling buttons, the ids of their inputs, and reading their data."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

VERB_SESSION_OFFERS = "session.offers"  # "Schedule a session": free times for a pairing
VERB_SESSION_BOOK = "session.book"
VERB_SESSION_SHOW = "session.show"
VERB_SESSION_RESCHEDULE = "session.reschedule"
VERB_SESSION_MOVE = "session.move"
VERB_SESSION_CANCEL = "session.cancel"  # asks first
VERB_SESSION_CANCEL_CONFIRM = "session.cancel_confirm"
SESSION_VERBS = frozenset(
    {
        VERB_SESSION_OFFERS,
        VERB_SESSION_BOOK,
        VERB_SESSION_SHOW,
        VERB_SESSION_RESCHEDULE,
        VERB_SESSION_MOVE,
        VERB_SESSION_CANCEL,
        VERB_SESSION_CANCEL_CONFIRM,
    }
)
CANCEL_MESSAGE_INPUT = "cancel_message"
# On buttons of cards that must stay (the pairing card, a nudge): answer with a new card.
NEW_CARD = "new_card"
MAX_OFFER_KEY = 32


def start_of(data: Mapping[str, object]) -> datetime | None:
    """The slot start a button carried (ISO 8601 with its offset); None if malformed."""
    value = data.get("start")
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def offer_key_of(data: Mapping[str, object]) -> str | None:
    """The offers card's key a booking button carried; None if malformed."""
    value = data.get("offer")
    if isinstance(value, str) and 0 < len(value) <= MAX_OFFER_KEY and value.isalnum():
        return value
    return None
