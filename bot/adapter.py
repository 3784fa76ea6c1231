"""The CloudAdapter, configured from Tandem's settings."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    CertificateServiceClientCredentialsFactory,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)
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


# Distinct (app id, audience, service URL) triples: a handful of Teams regions per app.
SHARED_CLIENTS = 64

ClientKey = tuple[str | None, str | None, str]


class SharedClientsAuthentication(ConfigurationBotFrameworkAuthentication):  # type: ignore[misc]
    """botbuilder's authentication, with connector and user-token clients kept across turns.

    botbuilder builds a ConnectorClient and a UserTokenClient every turn, each with new
    credentials. Every new MicrosoftAppCredentials makes a new MSAL application with an empty
    token cache, so with an app id each turn's first send blocks the event loop on Entra ID
    (tenant discovery, then a token request); and each new client opens a new HTTP session
    (a TLS handshake per reply) and leaves hundreds of objects for the GC.

    A client is reused only for the same app id, audience and service URL: exactly what
    botbuilder derives its credentials and base URL from (the login endpoint and the
    credentials factory are fixed per instance), so a reused client signs as the same app
    for the same audience. ConnectorClient keeps no per-call state: msrest sends each call
    from an executor thread through the client's one requests.Session, whose urllib3
    connection pool is thread-safe; MSAL refreshes the cached token itself.
    """

    def __init__(self, configuration: Any, **options: Any) -> None:
        super().__init__(configuration, **options)
        self._connectors: OrderedDict[ClientKey, ConnectorClient] = OrderedDict()
        self._user_token_clients: dict[str | None, UserTokenClient] = {}

    async def authenticate_request(
        self, activity: Activity, auth_header: str
    ) -> AuthenticateRequestResult:
        """Authenticate as botbuilder does; the result's factory reuses clients."""
        result = await super().authenticate_request(activity, auth_header)
        if result.connector_factory is not None:
            app_id = _app_id(result.claims_identity)
            result.connector_factory = _SharedConnectorFactory(
                result.connector_factory, app_id, self._connectors
            )
        return result

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        """The factory of proactive sends, reusing clients as well."""
        inner = super().create_connector_factory(claims_identity)
        return _SharedConnectorFactory(inner, _app_id(claims_identity), self._connectors)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        """One user-token client per app id (its credentials depend on nothing else)."""
        app_id = _app_id(claims_identity)
        client = self._user_token_clients.get(app_id)
        if client is None:
            client = await super().create_user_token_client(claims_identity)
            if len(self._user_token_clients) >= SHARED_CLIENTS:
                self._user_token_clients.clear()
            self._user_token_clients[app_id] = client
        return client


class _SharedConnectorFactory(ConnectorFactory):  # type: ignore[misc]
    """botbuilder's connector factory for one app id, handing out clients already built."""

    def __init__(
        self,
        inner: ConnectorFactory,
        app_id: str | None,
        clients: OrderedDict[ClientKey, ConnectorClient],
    ) -> None:
        self._inner = inner
        self._app_id = app_id
        self._clients = clients

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        """The client for this app id, audience and service URL; built on first use."""
        key = (self._app_id, audience, service_url)
        client = self._clients.get(key)
        if client is not None:
            self._clients.move_to_end(key)
            return client
        client = await self._inner.create(service_url, audience)
        self._clients[key] = client
        if len(self._clients) > SHARED_CLIENTS:
            # Not closed: a turn may still be using it; its sockets close when it is collected.
            self._clients.popitem(last=False)
        return client


def _app_id(claims_identity: ClaimsIdentity) -> str | None:
    """The app id botbuilder builds credentials for: the audience claim, else the appid claim."""
    app_id = claims_identity.get_claim_value(AuthenticationConstants.AUDIENCE_CLAIM)
    if app_id is None:
        app_id = claims_identity.get_claim_value(AuthenticationConstants.APP_ID_CLAIM)
    return None if app_id is None else str(app_id)


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
    auth = SharedClientsAuthentication(configuration, credentials_factory=factory)
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
