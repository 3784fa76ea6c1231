"""Part of the composition root: how Tandem installs itself for people Teams cannot reach.

Only with Microsoft Graph configured (TANDEM_GRAPH_AUTH) and Tandem's id in the tenant's app
catalog (TANDEM_TEAMS_APP_CATALOG_ID); otherwise unreachable people go straight to the
administrators.
"""

from __future__ import annotations

import logging

from graph.app_installation import GraphAppInstaller
from graph.client import Cleanup, configured_client
from teams_app.config import GraphAuth, Settings
from teams_app.services.reach_ports import AppInstaller

log = logging.getLogger(__name__)


def build_installer(settings: Settings) -> tuple[AppInstaller | None, list[Cleanup]]:
    """The Graph installer and what closes it, or None when it cannot be configured."""
    if settings.graph_auth is GraphAuth.NONE:
        return None, []
    if not settings.teams_app_catalog_id:
        log.warning("install.disabled", extra={"reason": "no TANDEM_TEAMS_APP_CATALOG_ID"})
        return None, []
    client, closers = configured_client(settings)
    catalog_id = settings.teams_app_catalog_id
    return GraphAppInstaller(client, settings.graph_base_url, catalog_id), closers
