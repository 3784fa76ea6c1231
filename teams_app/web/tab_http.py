"""What every tab API handler shares: the caller's identity, JSON errors and body parsing."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any, NoReturn

from aiohttp import web

from teams_app.web.tab_auth import Identity, KeysUnavailable, TokenRejected, TokenValidator

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

VALIDATOR_KEY: web.AppKey[TokenValidator | None] = web.AppKey("tab_validator")
IDENTITY_KEY = web.RequestKey("tab_identity", Identity)
PREFIX = "/api/v1"
# Paths answered without a token.
OPEN_PATHS = frozenset(PREFIX + path for path in ("/openapi.json", "/dev/people", "/dev/sign-in"))
MAX_BODY = 64 * 1024


class ApiError(Exception):
    """An answer other than success: status, a short message and, for bad input, the field."""

    def __init__(self, status: HTTPStatus, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.field = field


def fail(status: HTTPStatus, message: str, field: str | None = None) -> NoReturn:
    """Stop the handler with this answer."""
    raise ApiError(status, message, field)


def identity(request: web.Request) -> Identity:
    """The caller (the middleware has checked the token)."""
    return request[IDENTITY_KEY]


def error_response(status: HTTPStatus, message: str, field: str | None = None) -> web.Response:
    """`{"error", "field"?}` with the status."""
    body: dict[str, str] = {"error": message}
    if field is not None:
        body["field"] = field
    return web.json_response(body, status=status)


@web.middleware
async def tab_guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every call but the open ones needs a valid token; ApiError becomes its JSON answer."""
    try:
        if request.path not in OPEN_PATHS:
            request[IDENTITY_KEY] = await _authenticate(request)
        return await handler(request)
    except ApiError as error:
        return error_response(error.status, str(error), error.field)


async def _authenticate(request: web.Request) -> Identity:
    validator = request.app[VALIDATOR_KEY]
    if validator is None:
        fail(HTTPStatus.UNAUTHORIZED, "Teams sign-in is not configured on this server")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        fail(HTTPStatus.UNAUTHORIZED, "a bearer token is required")
    try:
        return await validator.identify(token.strip())
    except TokenRejected as rejected:
        fail(HTTPStatus.UNAUTHORIZED, str(rejected))
    except KeysUnavailable as error:
        fail(HTTPStatus.SERVICE_UNAVAILABLE, str(error))


async def json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object; 400 naming the problem otherwise."""
    raw = await request.read()
    if len(raw) > MAX_BODY:
        fail(HTTPStatus.BAD_REQUEST, "the body is too large")
    try:
        body = json.loads(raw or b"{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        fail(HTTPStatus.BAD_REQUEST, "the body is not valid JSON")
    if not isinstance(body, dict):
        fail(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
    return body


def whole_number(raw: object, field: str) -> int:
    """An integer field (a JSON number or a query string); 400 otherwise."""
    if isinstance(raw, bool):
        fail(HTTPStatus.BAD_REQUEST, f"{field} must be a whole number", field)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        value = int(raw.strip())
    else:
        fail(HTTPStatus.BAD_REQUEST, f"{field} must be a whole number", field)
    if not -(2**31) < value < 2**31:
        fail(HTTPStatus.BAD_REQUEST, f"{field} is out of range", field)
    return value


def path_id(request: web.Request, name: str = "id") -> int:
    """A numeric id from the path; 404 when it cannot be one."""
    raw = request.match_info.get(name, "")
    if not raw.isdigit() or len(raw) > 9:
        fail(HTTPStatus.NOT_FOUND, "not found")
    return int(raw)
