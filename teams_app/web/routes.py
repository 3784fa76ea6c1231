"""HTTP routes: the Bot Framework endpoint and the health check."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus

from aiohttp import web

from teams_app.services.ports import Store
from teams_app.web.activity_checks import ActivityRejected, parse_activity
from teams_app.web.tab_routes import add_tab_routes

log = logging.getLogger(__name__)

BotEndpoint = Callable[[web.Request], Awaitable[web.StreamResponse | None]]

STORE_KEY: web.AppKey[Store] = web.AppKey("store")
BOT_KEY: web.AppKey[BotEndpoint] = web.AppKey("bot_endpoint")
PROGRAMME_KEY: web.AppKey[str] = web.AppKey("programme_id")


async def messages(request: web.Request) -> web.StreamResponse:
    """POST /api/messages: validate, then hand the activity to the bot adapter."""
    if "application/json" not in request.headers.get("Content-Type", ""):
        return _reject(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json")
    try:
        parse_activity(await request.read())
    except ActivityRejected as rejected:
        log.info("activity.rejected", extra={"reason": str(rejected)})
        return _reject(HTTPStatus.BAD_REQUEST, str(rejected))
    try:
        response = await request.app[BOT_KEY](request)
    except web.HTTPException as http_error:
        if http_error.status == HTTPStatus.UNAUTHORIZED:
            log.warning("activity.unauthorized")
            return _reject(HTTPStatus.UNAUTHORIZED, "a valid Bot Framework token is required")
        raise
    return response or web.Response(status=HTTPStatus.CREATED)


async def healthz(request: web.Request) -> web.Response:
    """GET /healthz: 200 when the database answers, 503 otherwise."""
    try:
        await request.app[STORE_KEY].ping()
    except Exception as error:  # any database failure means "not healthy"
        log.error("health.database_failed", extra={"error_type": type(error).__name__})
        return web.json_response(
            {"status": "unhealthy", "database": "unreachable"},
            status=HTTPStatus.SERVICE_UNAVAILABLE,
        )
    return web.json_response(
        {"status": "ok", "database": "ok", "programme": request.app[PROGRAMME_KEY]}
    )


def _reject(status: HTTPStatus, reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=status)


@web.middleware
async def no_stack_traces(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Unexpected failures become a short 500; the trace goes to the log, not the caller."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception as error:
        log.error(
            "request.failed",
            extra={"path": request.path, "error_type": type(error).__name__},
            exc_info=error,
        )
        return _reject(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error")


def build_web_app(store: Store, bot_endpoint: BotEndpoint, programme_id: str) -> web.Application:
    """The aiohttp application with Tandem's routes."""
    app = web.Application(middlewares=[no_stack_traces], client_max_size=1024 * 1024)
    app[STORE_KEY] = store
    app[BOT_KEY] = bot_endpoint
    app[PROGRAMME_KEY] = programme_id
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    add_tab_routes(app)
    return app
