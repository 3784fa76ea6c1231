"""The aiohttp callable that hands a request to the CloudAdapter."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import jwt
from aiohttp import web
from botbuilder.core import Bot
from botbuilder.integration.aiohttp import CloudAdapter

log = logging.getLogger(__name__)


def bot_endpoint(
    adapter: CloudAdapter, bot: Bot
) -> Callable[[web.Request], Awaitable[web.StreamResponse | None]]:
    """POST /api/messages handler body; a token that cannot even be decoded is a 401."""

    async def process(request: web.Request) -> web.StreamResponse | None:
        try:
            response: web.StreamResponse | None = await adapter.process(request, bot)
        except jwt.PyJWTError as error:
            # botbuilder lets a malformed bearer token escape as a decode error (a 500).
            log.warning("activity.unauthorized", extra={"error_type": type(error).__name__})
            raise web.HTTPUnauthorized from None
        return response

    return process
