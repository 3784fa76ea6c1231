"""The CloudAdapter, configured from Tandem's settings."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botframework.connector.auth import CertificateServiceClientCredentialsFactory
from msrest.universal_http.requests import ClientRetryPolicy

from teams_app.config import AppType, Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _BotConfiguration:
    """The attribute names botbuilder's configuration readers look for."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str


def speed_up_msrest_retry_codes() -> None:
    """Make msrest's retry-code list cheap to build (it costs ~7 ms of CPU per connector call).

    msrest 0.7.1 (botbuilder's HTTP layer) computes `[i for i in range(999) if i not in
    safe_codes]` with `safe_codes` a 500-item list, twice per turn: over half of a bare bot's
    CPU. A frozenset gives the same codes in microseconds.
    """
    policy: Any = ClientRetryPolicy
    if not isinstance(policy.safe_codes, frozenset):
        policy.safe_codes = frozenset(policy.safe_codes)


def build_adapter(settings: Settings) -> CloudAdapter:
    """A CloudAdapter that validates Bot Framework tokens unless the app id is empty (dev mode)."""
    # An empty app id switches botbuilder's authentication off; config.check_startup_safety
    # allows that only in explicit dev mode on loopback. botbuilder insists on an app id for
    # SingleTenant, so the dev configuration is declared MultiTenant with no credentials.
    app_type = settings.app_type.value if settings.app_id else AppType.MULTI_TENANT.value
    configuration = _BotConfiguration(
        APP_ID=settings.app_id,
        APP_PASSWORD=settings.app_password,
        APP_TYPE=app_type,
        APP_TENANTID=settings.tenant_id,
    )
    factory = None
    if settings.app_certificate_path is not None:
        factory = CertificateServiceClientCredentialsFactory(
            settings.app_certificate_thumbprint,
            settings.app_certificate_path.read_text(),
            settings.app_id,
            settings.tenant_id or None,
        )
    speed_up_msrest_retry_codes()
    auth = ConfigurationBotFrameworkAuthentication(configuration, credentials_factory=factory)
    adapter = CloudAdapter(auth)
    adapter.on_turn_error = _on_turn_error
    return adapter


async def _on_turn_error(turn_context: TurnContext, error: Exception) -> None:
    """Log the failure without personal data and tell the person nothing was changed."""
    log.error(
        "turn.failed",
        extra={"error_type": type(error).__name__, "activity_type": turn_context.activity.type},
        exc_info=error,
    )
    if turn_context.activity.type == "message":
        await turn_context.send_activity(
            "Sorry, something went wrong on our side and your request was not completed. "
            "Please try again in a moment."
        )
