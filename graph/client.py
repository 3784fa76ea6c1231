"""The GraphServiceClient: app-only sign-in chosen by configuration, or any base URL (tests)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx
from azure.core.credentials_async import AsyncTokenCredential
from azure.identity.aio import (
    CertificateCredential,
    ClientSecretCredential,
    ManagedIdentityCredential,
)
from kiota_abstractions.authentication import (
    AnonymousAuthenticationProvider,
    AuthenticationProvider,
)
from kiota_authentication_azure.azure_identity_authentication_provider import (
    AzureIdentityAuthenticationProvider,
)
from kiota_http.middleware.options import RetryHandlerOption
from msgraph.graph_request_adapter import GraphRequestAdapter
from msgraph.graph_service_client import GraphServiceClient
from msgraph_core import GraphClientFactory  # type: ignore[import-untyped]

from teams_app.config import GraphAuth, Settings

GRAPH_SCOPES = ["https://graph.microsoft.com/.default"]
# Graph may be slow (the sessions issue's test delays it 8 s); a request gives up after this.
GRAPH_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
Cleanup = Callable[[], Awaitable[object]]


@dataclass(frozen=True)
class RetryPolicy:
    """How often the SDK retries 429/503/504 and its base delay when no Retry-After comes."""

    max_retries: int = 3
    delay_seconds: float = 3.0


def graph_credential(settings: Settings) -> AsyncTokenCredential | None:
    """The azure-identity credential TANDEM_GRAPH_AUTH names; None when Graph is off."""
    auth = settings.graph_auth
    if auth is GraphAuth.CLIENT_SECRET:
        return ClientSecretCredential(settings.tenant_id, settings.app_id, settings.app_password)
    if auth is GraphAuth.CERTIFICATE:
        path = str(settings.app_certificate_path)
        return CertificateCredential(settings.tenant_id, settings.app_id, certificate_path=path)
    if auth is GraphAuth.MANAGED_IDENTITY:
        client_id = settings.graph_managed_identity_client_id or None
        return ManagedIdentityCredential(client_id=client_id)
    return None


def build_graph_client(
    settings: Settings, http: httpx.AsyncClient, retry: RetryPolicy | None = None
) -> GraphServiceClient | None:
    """A client signed in as configured, at TANDEM_GRAPH_BASE_URL; None when Graph is off."""
    credential = graph_credential(settings)
    if credential is None:
        return None
    auth = AzureIdentityAuthenticationProvider(credential, scopes=GRAPH_SCOPES)
    return graph_client_at(settings.graph_base_url, http, auth, retry)


def graph_client_at(
    base_url: str,
    http: httpx.AsyncClient,
    auth: AuthenticationProvider | None = None,
    retry: RetryPolicy | None = None,
) -> GraphServiceClient:
    """A client for the Graph at `base_url` (…/v1.0), e.g. a loopback double without sign-in.

    The caller owns `http` and closes it: msgraph-core's transport has no aclose().
    """
    policy = retry or RetryPolicy()
    option = RetryHandlerOption(delay=policy.delay_seconds, max_retries=policy.max_retries)
    pipeline = GraphClientFactory.create_with_default_middleware(
        client=http, options={RetryHandlerOption.get_key(): option}
    )
    adapter = GraphRequestAdapter(auth or AnonymousAuthenticationProvider(), pipeline)
    adapter.base_url = base_url
    return GraphServiceClient(request_adapter=adapter)


def configured_client(settings: Settings) -> tuple[GraphServiceClient, list[Cleanup]]:
    """A client signed in as TANDEM_GRAPH_AUTH says (none for `anonymous`), and its closers."""
    http = httpx.AsyncClient(timeout=GRAPH_TIMEOUT)
    credential = graph_credential(settings)
    closers: list[Cleanup] = [http.aclose]
    auth = None
    if credential is not None:
        auth = AzureIdentityAuthenticationProvider(credential, scopes=GRAPH_SCOPES)
        closers.append(credential.close)
    return graph_client_at(settings.graph_base_url, http, auth), closers
