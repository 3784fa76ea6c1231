"""Graph sign-in settings, the Windows time zone table and the documented permissions."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from azure.identity.aio import (
    ClientSecretCredential,
    ManagedIdentityCredential,
)
from cryptography.fernet import Fernet

from graph.client import build_graph_client, graph_credential
from graph.permissions import REQUIRED_PERMISSIONS
from graph.time_zones import WINDOWS_TO_IANA, iana_name
from teams_app.config import ConfigError, GraphAuth, Settings, load_settings

NO_DOTENV = Path("/nonexistent/.env")
DEV = {"TANDEM_DEV_MODE": "true"}
APP = {
    "TANDEM_APP_ID": "app-1",
    "TANDEM_TENANT_ID": "tenant-1",
    "TANDEM_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
}
BOT_CERTIFICATE = {
    "TANDEM_APP_CERTIFICATE_PATH": "/tandem.pem",
    "TANDEM_APP_CERTIFICATE_THUMBPRINT": "ab",
}


def test_graph_is_off_by_default_and_builds_no_client() -> None:
    settings = load_settings(DEV, NO_DOTENV)

    assert settings.graph_auth is GraphAuth.NONE
    assert settings.graph_base_url == "https://graph.microsoft.com/v1.0"
    assert graph_credential(settings) is None
    assert build_graph_client(settings, httpx.AsyncClient()) is None


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TANDEM_GRAPH_AUTH": "client_secret", **DEV}, "TANDEM_APP_ID and TANDEM_TENANT_ID"),
        (
            {"TANDEM_GRAPH_AUTH": "client_secret", **APP, **BOT_CERTIFICATE},
            "TANDEM_APP_PASSWORD is empty",
        ),
        (
            {"TANDEM_GRAPH_AUTH": "certificate", "TANDEM_APP_PASSWORD": "s", **APP},
            "TANDEM_APP_CERTIFICATE_PATH is empty",
        ),
        ({"TANDEM_GRAPH_AUTH": "password", **DEV}, "TANDEM_GRAPH_AUTH: must be one of none"),
        ({"TANDEM_GRAPH_BASE_URL": "http://graph.example", **DEV}, "TANDEM_GRAPH_BASE_URL"),
        ({"TANDEM_GRAPH_AUTH": "anonymous", **DEV}, "anonymous is for development only"),
        (
            {"TANDEM_GRAPH_AUTH": "anonymous", "TANDEM_GRAPH_BASE_URL": "http://127.0.0.1:1/v1.0"}
            | APP
            | {"TANDEM_APP_PASSWORD": "s"},
            "needs TANDEM_DEV_MODE=true",
        ),
    ],
)
def test_incomplete_graph_sign_in_refuses_to_start_with_one_line(
    env: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(env, NO_DOTENV)

    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_anonymous_graph_is_allowed_in_dev_mode_against_a_loopback_double() -> None:
    env = {"TANDEM_GRAPH_AUTH": "anonymous", "TANDEM_GRAPH_BASE_URL": "http://127.0.0.1:8/v1.0"}

    settings = load_settings(env | DEV, NO_DOTENV)

    assert settings.graph_auth is GraphAuth.ANONYMOUS and graph_credential(settings) is None


async def test_each_sign_in_method_gives_its_azure_identity_credential(tmp_path: Path) -> None:
    secret = Settings(
        app_id="a", tenant_id="t", app_password="s", graph_auth=GraphAuth.CLIENT_SECRET
    )
    managed = Settings(graph_auth=GraphAuth.MANAGED_IDENTITY, graph_managed_identity_client_id="m")
    pem = tmp_path / "tandem.pem"
    pem.write_text("not read until a token is needed")
    cert = Settings(
        app_id="a", tenant_id="t", app_certificate_path=pem, graph_auth=GraphAuth.CERTIFICATE
    )

    assert isinstance(graph_credential(secret), ClientSecretCredential)
    assert isinstance(graph_credential(managed), ManagedIdentityCredential)
    # CertificateCredential loads the file when built: the configured path is the one read.
    with pytest.raises(ValueError, match="certificate"):
        graph_credential(cert)


def test_loopback_graph_url_is_allowed_for_local_doubles() -> None:
    env = {"TANDEM_GRAPH_BASE_URL": "http://127.0.0.1:8123/v1.0/", **DEV}

    assert load_settings(env, NO_DOTENV).graph_base_url == "http://127.0.0.1:8123/v1.0"


def test_every_windows_zone_maps_to_a_known_iana_zone() -> None:
    for windows, iana in WINDOWS_TO_IANA.items():
        assert ZoneInfo(iana), windows

    assert iana_name("SE Asia Standard Time") == "Asia/Bangkok"
    assert iana_name("Europe/Zurich") == "Europe/Zurich"
    assert iana_name("Customized Time Zone") is None and iana_name(None) is None


def test_every_required_permission_says_why_it_is_needed() -> None:
    assert set(REQUIRED_PERMISSIONS) == {
        "Calendars.ReadWrite",
        "MailboxSettings.Read",
        "User.Read.All",
        "TeamsAppInstallation.ReadWriteSelfForUser.All",
    }
    assert all(len(reason) > 20 for reason in REQUIRED_PERMISSIONS.values())
