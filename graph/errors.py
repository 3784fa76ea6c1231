"""Graph failures as the domain's calendar errors, once the SDK's retries are spent."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TypeVar

import httpx
from kiota_abstractions.api_error import APIError
from msgraph.generated.models.o_data_errors.o_data_error import ODataError

from graph.permissions import REQUIRED_PERMISSIONS
from teams_app.domain.calendar import (
    CalendarError,
    CalendarItemMissing,
    CalendarUnavailable,
    PermissionMissing,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

# The SDK's retry handler has already retried these (honouring Retry-After) when they reach us.
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})


async def graph_call(permission: str, call: Awaitable[T]) -> T:
    """Await one Graph request; failures become CalendarError naming `permission` on 403."""
    try:
        return await call
    except APIError as error:
        raise calendar_error(error, permission) from error
    except httpx.TransportError as error:
        log.warning("graph unreachable", extra={"error": type(error).__name__})
        raise CalendarUnavailable("Microsoft Graph could not be reached") from error


def calendar_error(error: APIError, permission: str) -> CalendarError:
    """The domain error for a Graph error answer."""
    status = error.response_status_code or 0
    code = _code(error)
    log.warning("graph refused", extra={"status": status, "code": code})
    if status == 403:
        return PermissionMissing(permission, REQUIRED_PERMISSIONS.get(permission, ""))
    if status == 404:
        return CalendarItemMissing(f"Graph has no such item ({code})")
    if status in TRANSIENT_STATUSES:
        return CalendarUnavailable(f"Microsoft Graph is busy or unavailable ({status} {code})")
    return CalendarError(f"Microsoft Graph answered {status} {code}")


def _code(error: APIError) -> str:
    if isinstance(error, ODataError) and error.error and error.error.code:
        return error.error.code
    return "unknown"
