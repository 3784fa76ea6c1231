"""A Bot Connector double: the Bot Framework REST API v3 that botbuilder's ConnectorClient
calls to send, reply, update and delete activities, open conversations and read members.

Give `connector.url` to the bot as the activity's serviceUrl. With an empty app id botbuilder
asks no token service for a token and sends no Authorization header at all."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.doubles.loopback_server import DoubleError, LoopbackServer, ScriptedResponse, recorded

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
Json = dict[str, Any]


def connector_error(
    status: int, code: str = "ServiceError", message: str = "", retry_after: float | None = None
) -> ScriptedResponse:
    """A scripted Bot Connector error (ErrorResponse body), e.g. 429 with Retry-After."""
    headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
    body = {"error": {"code": code, "message": message or f"scripted {status}"}}
    return ScriptedResponse(status=status, body=body, headers=headers)


def teams_member(
    member_id: str,
    name: str,
    *,
    aad_object_id: str,
    email: str | None = None,
    user_principal_name: str | None = None,
    tenant_id: str = "tenant-1",
) -> Json:
    """A TeamsChannelAccount as the connector's members endpoints answer it."""
    return {
        "id": member_id,
        "name": name,
        "aadObjectId": aad_object_id,
        "email": email,
        "userPrincipalName": user_principal_name or email,
        "givenName": name.split(" ")[0],
        "surname": name.split(" ")[-1],
        "tenantId": tenant_id,
        "userRole": "user",
    }


@dataclass
class StoredActivity:
    """An activity the bot sent; `versions` holds the original and then every update."""

    conversation_id: str
    id: str
    versions: list[Json] = field(default_factory=list)
    deleted: bool = False

    @property
    def current(self) -> Json:
        """The activity as it stands after the last update."""
        return self.versions[-1]


class BotConnectorDouble(LoopbackServer):
    """`async with BotConnectorDouble() as connector:` then use `connector.url`."""

    def __init__(
        self,
        *,
        members: Mapping[str, Sequence[Json]] | None = None,
        expected_token: str | None = None,
        delay: float = 0.0,
    ) -> None:
        super().__init__(delay=delay)
        self.members: dict[str, list[Json]] = {k: list(v) for k, v in (members or {}).items()}
        self.expected_token = expected_token
        self.created_conversations: list[Json] = []
        self._activities: list[StoredActivity] = []
        self._one_to_one: dict[str, str] = {}
        self._ids = itertools.count(1_700_000_000_001)

    def seed_members(self, conversation_id: str, members: Sequence[Json]) -> None:
        """Sets who the members endpoints list for a conversation."""
        self.members[conversation_id] = list(members)

    def activities(
        self, conversation_id: str | None = None, *, include_deleted: bool = False
    ) -> list[Json]:
        """Sent and replied activities in order, as they stand after updates."""
        return [
            stored.current
            for stored in self._activities
            if (conversation_id is None or stored.conversation_id == conversation_id)
            and (include_deleted or not stored.deleted)
        ]

    def cards(self, conversation_id: str | None = None) -> list[Json]:
        """The Adaptive Card contents attached to the current activities."""
        return [
            attachment["content"]
            for activity in self.activities(conversation_id)
            for attachment in activity.get("attachments") or []
            if attachment.get("contentType") == ADAPTIVE_CARD
        ]

    def versions(self, activity_id: str) -> list[Json]:
        """Every body sent for one activity: the original, then each update."""
        return list(self._find(activity_id).versions)

    def is_deleted(self, activity_id: str) -> bool:
        """Whether the bot deleted the activity."""
        return self._find(activity_id).deleted

    def _add_routes(self, app: web.Application) -> None:
        base = "/v3/conversations"
        one = base + "/{conversation_id}"
        activity = one + "/activities/{activity_id}"
        app.router.add_post(base, self._create_conversation)
        app.router.add_post(one + "/activities", self._send)
        app.router.add_post(activity, self._reply)
        app.router.add_put(activity, self._update)
        app.router.add_delete(activity, self._delete)
        app.router.add_get(one + "/members", self._members)
        app.router.add_get(one + "/members/{member_id}", self._member)
        app.router.add_get(one + "/pagedmembers", self._paged_members)

    def _find(self, activity_id: str, conversation_id: str | None = None) -> StoredActivity:
        for stored in self._activities:
            if stored.id == activity_id and conversation_id in (None, stored.conversation_id):
                return stored
        raise DoubleError(404, _error("ActivityNotFound", f"no activity {activity_id}"))

    def _authorize(self, request: web.Request) -> None:
        if self.expected_token is None:
            return
        if request.headers.get("Authorization") != f"Bearer {self.expected_token}":
            raise DoubleError(401, {"message": "Authorization has been denied for this request."})

    def _store(self, conversation_id: str, activity: Json) -> str:
        activity_id = str(next(self._ids))
        body = {**activity, "id": activity_id}
        self._activities.append(StoredActivity(conversation_id, activity_id, [body]))
        return activity_id

    async def _activity_body(self, request: web.Request) -> Json:
        self._authorize(request)
        body = recorded(request).json
        if not isinstance(body, dict) or not body.get("type"):
            raise DoubleError(400, _error("BadArgument", "an activity needs a type"))
        return dict(body)

    async def _send(self, request: web.Request) -> web.Response:
        body = await self._activity_body(request)
        activity_id = self._store(request.match_info["conversation_id"], body)
        return web.json_response({"id": activity_id}, status=201)

    async def _reply(self, request: web.Request) -> web.Response:
        body = await self._activity_body(request)
        conversation_id = request.match_info["conversation_id"]
        body.setdefault("replyToId", request.match_info["activity_id"])
        activity_id = self._store(conversation_id, body)
        return web.json_response({"id": activity_id}, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        body = await self._activity_body(request)
        activity_id = request.match_info["activity_id"]
        stored = self._find(activity_id, request.match_info["conversation_id"])
        if stored.deleted:
            raise DoubleError(404, _error("ActivityNotFound", f"{activity_id} was deleted"))
        stored.versions.append({**body, "id": activity_id})
        return web.json_response({"id": activity_id}, status=200)

    async def _delete(self, request: web.Request) -> web.Response:
        self._authorize(request)
        info = request.match_info
        self._find(info["activity_id"], info["conversation_id"]).deleted = True
        return web.Response(status=200)

    async def _create_conversation(self, request: web.Request) -> web.Response:
        self._authorize(request)
        params = recorded(request).json
        members = params.get("members") if isinstance(params, dict) else None
        if not isinstance(members, list) or not members:
            raise DoubleError(400, _error("BadArgument", "a conversation needs members"))
        self.created_conversations.append(params)
        conversation_id = self._conversation_for(params, members)
        answer: Json = {"id": conversation_id, "serviceUrl": self.url}
        if isinstance(params.get("activity"), dict):
            answer["activityId"] = self._store(conversation_id, params["activity"])
        return web.json_response(answer, status=201)

    def _conversation_for(self, params: Json, members: list[Json]) -> str:
        # Teams answers the same id when a 1:1 chat with that person already exists.
        if not params.get("isGroup") and len(members) == 1:
            member_id = str(members[0].get("id"))
            known = self._one_to_one.get(member_id)
            if known:
                return known
            conversation_id = f"a:1to1-{next(self._ids)}"
            self._one_to_one[member_id] = conversation_id
        else:
            conversation_id = f"19:group-{next(self._ids)}@thread.v2"
        self.members.setdefault(conversation_id, [self._known_member(m) for m in members])
        return conversation_id

    def _known_member(self, member: Json) -> Json:
        for roster in self.members.values():
            for known in roster:
                if member.get("id") in (known.get("id"), known.get("aadObjectId")):
                    return known
        return member

    async def _members(self, request: web.Request) -> web.Response:
        self._authorize(request)
        return web.json_response(self._roster(request))

    async def _paged_members(self, request: web.Request) -> web.Response:
        self._authorize(request)
        return web.json_response({"continuationToken": None, "members": self._roster(request)})

    async def _member(self, request: web.Request) -> web.Response:
        self._authorize(request)
        member_id = request.match_info["member_id"]
        for member in self._roster(request):
            if member_id in (member.get("id"), member.get("aadObjectId")):
                return web.json_response(member)
        raise DoubleError(404, _error("MemberNotFoundInConversation", "The member is not found"))

    def _roster(self, request: web.Request) -> list[Json]:
        conversation_id = request.match_info["conversation_id"]
        if conversation_id not in self.members:
            raise DoubleError(404, _error("ConversationNotFound", "Conversation not found."))
        return self.members[conversation_id]


def _error(code: str, message: str) -> Json:
    return {"error": {"code": code, "message": message}}
