"""The baseline: a bare botbuilder echo bot on the same CloudAdapter set-up as Tandem.

Same adapter (CloudAdapter + ConfigurationBotFrameworkAuthentication, empty app id), same
aiohttp server settings (no access log), its own process. It echoes a message to the
connector and answers an `adaptiveCard/action` invoke with a small card in the response.
Run: `python bench/bare_bot.py`; it prints its URL and serves `/api/messages` and `/healthz`.
"""

from __future__ import annotations

import asyncio
import logging
from http import HTTPStatus

from aiohttp import web
from botbuilder.core import ActivityHandler, InvokeResponse, MessageFactory, TurnContext
from botbuilder.schema import AdaptiveCardInvokeResponse
from loopback_serving import serve_until_signal

from bot.adapter import build_adapter
from teams_app.config import Settings

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
SMALL_CARD = {
    "type": "AdaptiveCard",
    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
    "version": "1.5",
    "body": [{"type": "TextBlock", "text": "Echo", "wrap": True}],
}


class EchoBot(ActivityHandler):  # type: ignore[misc]
    """Echoes messages; answers card actions synchronously with a small card."""

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        """Send the text back through the connector."""
        text = turn_context.activity.text or ""
        await turn_context.send_activity(MessageFactory.text(f"Echo: {text}"))

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        """Answer `adaptiveCard/action` with the card model (a dict body fails in CloudAdapter)."""
        if turn_context.activity.name != "adaptiveCard/action":
            return await super().on_invoke_activity(turn_context)
        body = AdaptiveCardInvokeResponse(
            status_code=HTTPStatus.OK, type=CARD_CONTENT_TYPE, value=SMALL_CARD
        )
        return InvokeResponse(status=HTTPStatus.OK, body=body)


def build_bare_bot() -> web.Application:
    """The aiohttp app: `/api/messages` through the CloudAdapter, and `/healthz`."""
    # The same adapter Tandem builds (dev mode: empty app id), so only the bot differs.
    adapter = build_adapter(Settings(dev_mode=True))
    bot = EchoBot()

    async def messages(request: web.Request) -> web.StreamResponse:
        response: web.StreamResponse | None = await adapter.process(request, bot)
        return response or web.Response(status=HTTPStatus.CREATED)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    return app


if __name__ == "__main__":
    # WARNING on stderr: in the stall pass asyncio's slow-callback warnings land there.
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(serve_until_signal(build_bare_bot(), "bare bot"))
