"""A Bot Connector sink: takes the bots' replies (`POST /v3/conversations/{id}/activities`)
and answers at once, so the benchmark measures the bots rather than a connector.

It runs as its own process: inside the load generator it would share that busy event loop,
and the wait for a reply's answer (part of every `help` message's latency) would grow with
the generator's load rather than with the bot's.
Run: `python bench/connector_sink.py`; it prints its URL. `GET /stats` counts the replies.
"""

from __future__ import annotations

import asyncio

from aiohttp import web
from loopback_serving import serve_until_signal

_RECEIVED: web.AppKey[list[int]] = web.AppKey("received")


async def take_activity(request: web.Request) -> web.Response:
    """Send or reply to an activity: read it whole, answer with a new id."""
    await request.read()
    received = request.app[_RECEIVED]
    received[0] += 1
    return web.json_response({"id": f"sink-{received[0]}"})


async def stats(request: web.Request) -> web.Response:
    """How many activities the sink has taken since it started."""
    return web.json_response({"activities": request.app[_RECEIVED][0]})


def build_sink() -> web.Application:
    """The sink's routes: send to a conversation and reply to an activity, as botbuilder uses."""
    app = web.Application(client_max_size=1024 * 1024)
    app[_RECEIVED] = [0]
    app.router.add_post("/v3/conversations/{conversation_id}/activities", take_activity)
    app.router.add_post(
        "/v3/conversations/{conversation_id}/activities/{activity_id}", take_activity
    )
    app.router.add_get("/stats", stats)
    return app


if __name__ == "__main__":
    asyncio.run(serve_until_signal(build_sink(), "connector sink"))
