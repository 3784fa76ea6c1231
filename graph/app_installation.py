"""The AppInstaller port on Microsoft Graph: Tandem installed for a person, and its chat found.

POST /users/{id}/teamwork/installedApps binds the app catalog's Tandem (409: it is installed
already); GET …/installedApps?$expand=teamsApp finds that installation, and
GET …/installedApps/{installation}/chat gives the 1:1 chat the bot can send to.
Needs TeamsAppInstallation.ReadWriteSelfForUser.All (application).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TypeVar

import httpx
from kiota_abstractions.api_error import APIError
from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph.generated.models.user_scope_teams_app_installation import (
    UserScopeTeamsAppInstallation,
)
from msgraph.generated.users.item.teamwork.installed_apps.installed_apps_request_builder import (
    InstalledAppsRequestBuilder,
)
from msgraph.graph_service_client import GraphServiceClient

log = logging.getLogger(__name__)
T = TypeVar("T")
_ALREADY_INSTALLED = 409
Query = InstalledAppsRequestBuilder.InstalledAppsRequestBuilderGetQueryParameters


class NotDone(Exception):
    """Graph refused or could not be reached; the status is logged, no personal data."""


class GraphAppInstaller:
    """Installs the app `catalog_app_id` (the tenant's app catalog id) for people."""

    def __init__(self, client: GraphServiceClient, base_url: str, catalog_app_id: str) -> None:
        if not catalog_app_id:
            raise ValueError("the app catalog id of Tandem is needed to install it")
        self._client = client
        self._catalog_app_id = catalog_app_id
        self._bind = f"{base_url.rstrip('/')}/appCatalogs/teamsApps/{catalog_app_id}"

    async def personal_chat(self, user_aad_id: str) -> str | None:
        """Install Tandem for the person unless it is, then the id of its chat with them."""
        apps = self._client.users.by_user_id(user_aad_id).teamwork.installed_apps
        body = UserScopeTeamsAppInstallation(additional_data={"teamsApp@odata.bind": self._bind})
        try:
            await _call("install", apps.post(body), tolerate=_ALREADY_INSTALLED)
            query = Query(expand=["teamsApp"], filter=f"teamsApp/id eq '{self._catalog_app_id}'")
            found = await _call("list", apps.get(RequestConfiguration(query_parameters=query)))
            ours = [
                app
                for app in (found.value if found and found.value else [])
                if app.id and app.teams_app and app.teams_app.id == self._catalog_app_id
            ]
            if not ours or not ours[0].id:
                log.warning("install.not_listed")
                return None
            item = apps.by_user_scope_teams_app_installation_id(ours[0].id)
            chat = await _call("chat", item.chat.get())
        except NotDone:
            return None
        return chat.id if chat is not None and chat.id else None


async def _call(step: str, request: Awaitable[T], tolerate: int | None = None) -> T | None:
    try:
        return await request
    except APIError as error:
        status = error.response_status_code or 0
        if status == tolerate:
            return None
        log.warning("install.refused", extra={"step": step, "status": status})
        raise NotDone(step) from error
    except httpx.TransportError as error:
        log.warning("install.unreachable", extra={"step": step, "error": type(error).__name__})
        raise NotDone(step) from error
