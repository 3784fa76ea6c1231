"""Teams-shaped traffic for the load: `help` typed in a personal chat and a pressed Help button.

The activities have the shape Teams (and tests/integration/activities.py) send; the people and
their personal conversations vary, as in real traffic, so a bot that stores conversation
references writes many rows rather than one hot row.
"""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass
from typing import Any

TENANT = "00000000-0000-0000-0000-0000000000b1"
BOT = {"id": "28:tandem-bot", "name": "Tandem"}
HELP_MESSAGE = "help message"
CARD_ACTION = "card action"
KINDS = (HELP_MESSAGE, CARD_ACTION)


@dataclass(frozen=True)
class Request:
    """One activity to POST to /api/messages, already encoded."""

    kind: str
    body: bytes


def _base(service_url: str, kind: str, person: int, activity_id: int) -> dict[str, Any]:
    return {
        "type": kind,
        "id": f"bench-{activity_id}",
        "timestamp": "2026-11-23T10:00:00.000Z",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": {
            "id": f"29:bench-person-{person}",
            "name": f"Bench Person {person}",
            "aadObjectId": f"aad-bench-{person}",
        },
        "recipient": BOT,
        "conversation": {
            "id": f"a:bench-personal-{person}",
            "conversationType": "personal",
            "tenantId": TENANT,
        },
        "channelData": {"tenant": {"id": TENANT}},
        "locale": "en-US",
    }


def help_message(service_url: str, person: int, activity_id: int) -> dict[str, Any]:
    """`help` typed in the person's personal chat with the bot."""
    activity = _base(service_url, "message", person, activity_id)
    activity["text"] = "help"
    return activity


def help_card_action(service_url: str, person: int, activity_id: int) -> dict[str, Any]:
    """The Help button (Action.Execute, verb `help`) pressed on a card."""
    activity = _base(service_url, "invoke", person, activity_id)
    activity["name"] = "adaptiveCard/action"
    activity["value"] = {
        "action": {"type": "Action.Execute", "verb": "help", "data": {"verb": "help"}},
        "trigger": "manual",
    }
    return activity


PEOPLE = 500


def _request(service_url: str, person: int, activity_id: int, message: bool) -> Request:
    if message:
        activity = help_message(service_url, person, activity_id)
        return Request(HELP_MESSAGE, json.dumps(activity).encode())
    activity = help_card_action(service_url, person, activity_id)
    return Request(CARD_ACTION, json.dumps(activity).encode())


class TrafficMix:
    """An endless, seeded 50/50 mix of help messages and card actions over many people."""

    def __init__(self, service_url: str, people: int = PEOPLE, seed: int = 20261123) -> None:
        self._service_url = service_url
        self._people = people
        self._random = random.Random(seed)
        self._ids = itertools.count(1)

    def next(self) -> Request:
        """The next request of the mix."""
        person = self._random.randrange(self._people)
        return _request(self._service_url, person, next(self._ids), self._random.random() < 0.5)


class FirstContacts:
    """One request from each person of the mix, in a seeded order: every conversation new.

    A bot that stores conversation references writes once per conversation it has not seen;
    sending these before the timed passes keeps that one-off cost out of the steady state.
    """

    def __init__(self, service_url: str, people: int = PEOPLE, seed: int = 20261124) -> None:
        order = list(range(people))
        random.Random(seed).shuffle(order)
        self._service_url = service_url
        self._order = iter(order)
        self._ids = itertools.count(1_000_000)

    def next(self) -> Request:
        """The next person's first activity: a help message or a card action, alternately."""
        person = next(self._order)
        activity_id = next(self._ids)
        return _request(self._service_url, person, activity_id, activity_id % 2 == 0)
