"""Conversation references: from incoming activities to storable records and back."""

from __future__ import annotations

import copy
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ConversationReference

from teams_app.domain.conversations import ConversationRecord, Scope

_SCOPES = {"personal": Scope.PERSONAL, "channel": Scope.TEAM, "groupChat": Scope.GROUP_CHAT}


def tenant_of(activity: Activity) -> str | None:
    """The Microsoft Entra tenant an activity comes from."""
    channel_data: Any = activity.channel_data or {}
    tenant = channel_data.get("tenant") if isinstance(channel_data, dict) else None
    if isinstance(tenant, dict) and tenant.get("id"):
        return str(tenant["id"])
    conversation = activity.conversation
    return getattr(conversation, "tenant_id", None) if conversation else None


def team_of(activity: Activity) -> str | None:
    """The id of the team a channel activity belongs to."""
    channel_data: Any = activity.channel_data or {}
    team = channel_data.get("team") if isinstance(channel_data, dict) else None
    return str(team["id"]) if isinstance(team, dict) and team.get("id") else None


def scope_of(activity: Activity) -> Scope:
    """Personal chat, team channel or group chat."""
    conversation_type = getattr(activity.conversation, "conversation_type", None) or "personal"
    return _SCOPES.get(conversation_type, Scope.PERSONAL)


def record_from(activity: Activity) -> ConversationRecord:
    """A storable record of the conversation an activity arrived in."""
    reference: ConversationReference = TurnContext.get_conversation_reference(activity)
    # The id of the activity that happened to arrive last is no part of where to write, and
    # keeping it would make every stored reference differ from the one before.
    reference.activity_id = None
    scope = scope_of(activity)
    conversation_id = activity.conversation.id
    if scope is Scope.TEAM:
        # A channel message arrives as "<channel>;messageid=<post>": the thread it replied
        # in. Later posts belong in the channel itself.
        conversation_id = conversation_id.split(";", 1)[0]
        reference.conversation = copy.copy(reference.conversation)  # shared with the activity
        reference.conversation.id = conversation_id
    sender = activity.from_property
    return ConversationRecord(
        conversation_id=conversation_id,
        scope=scope,
        tenant_id=tenant_of(activity),
        user_aad_id=(sender.aad_object_id if sender and scope is Scope.PERSONAL else None),
        team_id=team_of(activity),
        service_url=activity.service_url,
        reference=reference.serialize(),
    )


def reference_from(record: ConversationRecord) -> ConversationReference:
    """The botbuilder reference a stored record describes."""
    return ConversationReference().deserialize(record.reference)


def actor_of(activity: Activity) -> str:
    """Who acted, for the audit log: the AAD object id, else the channel account id."""
    sender = activity.from_property
    if sender is None:
        return "unknown"
    return str(sender.aad_object_id or sender.id or "unknown")
