"""Teams-shaped activities, as Teams (and the Agents Playground) send them to /api/messages."""

from __future__ import annotations

import itertools
from typing import Any

TENANT = "00000000-0000-0000-0000-0000000000t1"
BOT = {"id": "28:tandem-bot", "name": "Tandem"}
USER = {"id": "29:amina", "name": "Amina Diallo", "aadObjectId": "aad-amina"}
PERSONAL_CONVERSATION = "a:personal-amina"
TEAM_ID = "19:team-general@thread.tacv2"
CHANNEL_CONVERSATION = "19:team-general@thread.tacv2"

_ids = itertools.count(1)


def _base(service_url: str, kind: str, *, channel: bool = False, tenant: str = TENANT) -> Any:
    conversation: dict[str, Any] = {
        "id": CHANNEL_CONVERSATION if channel else PERSONAL_CONVERSATION,
        "conversationType": "channel" if channel else "personal",
        "tenantId": tenant,
    }
    channel_data: dict[str, Any] = {"tenant": {"id": tenant}}
    if channel:
        channel_data |= {
            "team": {"id": TEAM_ID, "name": "Mentoring Programme"},
            "channel": {"id": CHANNEL_CONVERSATION, "name": "General"},
        }
    return {
        "type": kind,
        "id": f"act-{next(_ids)}",
        "timestamp": "2026-11-23T10:00:00.000Z",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": USER,
        "recipient": BOT,
        "conversation": conversation,
        "channelData": channel_data,
        "locale": "en-US",
    }


def bot_added(service_url: str, *, channel: bool = False, tenant: str = TENANT) -> Any:
    """conversationUpdate: Tandem added to a personal chat or a team."""
    activity = _base(service_url, "conversationUpdate", channel=channel, tenant=tenant)
    activity["membersAdded"] = [{"id": BOT["id"]}]
    if channel:
        activity["channelData"]["eventType"] = "teamMemberAdded"
    return activity


def installed(service_url: str, *, channel: bool = False) -> Any:
    """installationUpdate with action add."""
    activity = _base(service_url, "installationUpdate", channel=channel)
    activity["action"] = "add"
    return activity


def message(service_url: str, text: str, *, channel: bool = False, tenant: str = TENANT) -> Any:
    """A typed message; in a channel it @mentions Tandem as Teams requires."""
    activity = _base(service_url, "message", channel=channel, tenant=tenant)
    if channel:
        activity["text"] = f"<at>Tandem</at> {text}"
        activity["entities"] = [{"type": "mention", "text": "<at>Tandem</at>", "mentioned": BOT}]
    else:
        activity["text"] = text
    return activity


def card_action(service_url: str, verb: str, data: Any = None, *, channel: bool = False) -> Any:
    """An adaptiveCard/action invoke, as a pressed Action.Execute button sends it."""
    activity = _base(service_url, "invoke", channel=channel)
    activity["name"] = "adaptiveCard/action"
    activity["value"] = {
        "action": {"type": "Action.Execute", "verb": verb, "data": data or {"verb": verb}},
        "trigger": "manual",
    }
    return activity
