"""What every Tandem card shares: version, header, serialisation and the verbs of its buttons."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from microsoft_teams.cards import (
    ActionSet,
    AdaptiveCard,
    CardElement,
    ExecuteAction,
    TextBlock,
)
from microsoft_teams.cards.core import Action

CARD_VERSION = "1.5"
# Teams rejects cards over 28 KB; stay clear of it so a long answer never loses a message.
MAX_CARD_BYTES = 28 * 1024

VERB_SIGN_UP_MENTEE = "signup.mentee"
VERB_SIGN_UP_MENTOR = "signup.mentor"
VERB_HELP = "help"
KNOWN_VERBS = frozenset({VERB_SIGN_UP_MENTEE, VERB_SIGN_UP_MENTOR, VERB_HELP})


class CardTooLarge(ValueError):
    """A card whose JSON exceeds what Teams accepts."""


def header(title: str, subtitle: str | None = None) -> list[CardElement]:
    """A heading and an optional subtle line under it."""
    blocks: list[CardElement] = [
        TextBlock(text=title, size="Large", weight="Bolder", wrap=True, style="heading")
    ]
    if subtitle:
        blocks.append(TextBlock(text=subtitle, is_subtle=True, spacing="None", wrap=True))
    return blocks


def paragraph(text: str, **style: Any) -> TextBlock:
    """A wrapped text block."""
    return TextBlock(text=text, wrap=True, **style)


def button(title: str, verb: str, style: str | None = None, **data: Any) -> ExecuteAction:
    """An Action.Execute button; `data` travels back with the invoke."""
    action = ExecuteAction(title=title, verb=verb, data={"verb": verb, **data})
    if style:
        action.style = style  # type: ignore[assignment]
    return action


def chat_link(email: str) -> str:
    """The Teams deep link that opens a 1:1 chat with `email`."""
    return f"https://teams.microsoft.com/l/chat/0/0?users={quote(email)}"


def actions_row(actions: Sequence[Action]) -> ActionSet:
    """Buttons inside the body, where they stay close to the text they act on."""
    return ActionSet(actions=list(actions))


def render(
    body: Sequence[CardElement], actions: Sequence[Action] = (), speak: str = ""
) -> dict[str, Any]:
    """The card as the JSON Teams expects, checked against the size limit."""
    card = AdaptiveCard(
        version=CARD_VERSION,
        body=list(body),
        actions=list(actions) or None,
        speak=speak or None,
    )
    payload: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        **card.model_dump(exclude_none=True, by_alias=True),
    }
    size = len(json.dumps(payload, ensure_ascii=False).encode())
    if size > MAX_CARD_BYTES:
        raise CardTooLarge(f"card is {size} bytes; Teams accepts at most {MAX_CARD_BYTES}")
    return payload
