"""Settings from the environment and `.env`, validated once at start-up.

Every bad value stops start-up with one line that names where the value came from, the key and
what is allowed: an administrator fixing a deployment should not need a stack trace.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from cryptography.fernet import Fernet
from dotenv import dotenv_values

from teams_app.config_values import (
    SECONDS,
    boolean,
    choices,
    database_url,
    http_url,
    id_list,
    instant,
    is_loopback,
    log_level,
    port_number,
    programme_name,
    seconds,
    send_rate,
    url_host,
    worker_count,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "var"
DEFAULT_PROGRAMMES_DIR = PROJECT_ROOT / "programmes"

T = TypeVar("T")


class ConfigError(Exception):
    """A configuration value Tandem cannot start with; `str()` is one line."""


class GraphAuth(StrEnum):
    """How Tandem signs in to Microsoft Graph (app-only); `none` leaves Graph off."""

    NONE = "none"
    CLIENT_SECRET = "client_secret"  # noqa: S105 - the name of a method, not a secret
    CERTIFICATE = "certificate"
    MANAGED_IDENTITY = "managed_identity"
    # No sign-in at all: dev mode against a Graph on loopback (the tests' Graph double).
    ANONYMOUS = "anonymous"


GRAPH_V1 = "https://graph.microsoft.com/v1.0"
SSO_JWKS = "https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys"


class AppType(StrEnum):
    """How the bot's Microsoft Entra app registration authenticates."""

    SINGLE_TENANT = "SingleTenant"
    MULTI_TENANT = "MultiTenant"
    USER_ASSIGNED_MSI = "UserAssignedMSI"


@dataclass(frozen=True)
class Settings:
    """Everything Tandem reads from its environment."""

    app_id: str = ""
    app_password: str = field(default="", repr=False)
    app_certificate_path: Path | None = None
    app_certificate_thumbprint: str = ""
    tenant_id: str = ""
    app_type: AppType = AppType.SINGLE_TENANT
    database_url: str = ""
    dev_mode: bool = False
    host: str = "127.0.0.1"
    port: int = 3978
    admins: tuple[str, ...] = ()
    # True only when every member of the administrators' channel is an administrator: then
    # its cards may show what participants typed.
    admin_channel_private: bool = False
    # A team whose members are administrators too (the team id, as Teams gives it).
    admin_team_id: str = ""
    allowed_tenants: tuple[str, ...] = ()
    programme: str = "together"
    programmes_dir: Path = DEFAULT_PROGRAMMES_DIR
    data_dir: Path = DEFAULT_DATA_DIR
    log_level: str = "INFO"
    # Fernet keys for confidential answers, the first encrypting; kept out of repr and logs.
    encryption_keys: tuple[str, ...] = field(default=(), repr=False)
    # Graph reuses the app id, tenant, secret or certificate above; see graph/permissions.py.
    graph_auth: GraphAuth = GraphAuth.NONE
    graph_managed_identity_client_id: str = ""
    graph_base_url: str = GRAPH_V1
    # Production: every safety check below is mandatory, whatever else is set.
    production: bool = False
    # How many Tandem processes (replicas) share this database.
    workers: int = 1
    # Where Teams reaches Tandem (https), for the app package and the tab.
    public_url: str = ""
    # Messages a second to Teams for the whole tenant (Teams allows about 30 per app).
    send_rate: float = 25.0
    # Durable jobs: how often due jobs are claimed, and how long a claim is held.
    job_sweep_seconds: float = 60.0
    job_lease_seconds: float = 120.0
    # Dev mode only: the clock starts at this UTC instant and flows on (tests, demos).
    clock_start: datetime | None = None
    # The app's id in the tenant's app catalog: Tandem installs itself for unreachable people.
    teams_app_catalog_id: str = ""
    # Where the tenant's token-signing keys are published ({tenant} is filled in), for the tab.
    sso_jwks_url: str = SSO_JWKS

    @property
    def auth_enabled(self) -> bool:
        """Whether incoming requests must carry a Bot Framework token."""
        return bool(self.app_id)

    @property
    def effective_database_url(self) -> str:
        """The configured database, or the embedded SQLite file under the data directory."""
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir / 'tandem.db'}"

    def tenant_allowed(self, tenant_id: str | None) -> bool:
        """Whether activities from this tenant are served (empty allow-list: any tenant)."""
        if not self.allowed_tenants:
            return True
        return tenant_id is not None and tenant_id in self.allowed_tenants


class _Source:
    """Looks keys up in the environment first, then `.env`, remembering which answered."""

    def __init__(self, environ: Mapping[str, str], dotenv: Mapping[str, str], dotenv_name: str):
        self._environ = environ
        self._dotenv = dotenv
        self._dotenv_name = dotenv_name

    def get(self, key: str) -> tuple[str | None, str]:
        """The raw value of `key` and a phrase naming where it came from."""
        if key in self._environ:
            return self._environ[key], "environment"
        if key in self._dotenv:
            return self._dotenv[key], self._dotenv_name
        return None, "default"

    def parse(self, key: str, default: T, convert: Callable[[str], T], allowed: str) -> T:
        """Convert `key` or fail with one line naming its source, the key and what is allowed."""
        raw, where = self.get(key)
        if raw is None or raw.strip() == "":
            return default
        try:
            return convert(raw.strip())
        except ValueError:
            raise ConfigError(f"{where}: {key}: must be {allowed}, got {raw!r}") from None


def _encryption_keys(src: _Source) -> tuple[str, ...]:
    """TANDEM_ENCRYPTION_KEYS; a bad key is named by its position, never echoed."""
    key = "TANDEM_ENCRYPTION_KEYS"
    raw, where = src.get(key)
    parts = [part.strip() for part in (raw or "").split(",")]
    for position, part in enumerate(parts, start=1):
        try:
            if part:
                Fernet(part)
        except (ValueError, TypeError):
            raise ConfigError(
                f"{where}: {key}: must be comma-separated Fernet keys (python -m teams_app "
                f"generate-key), got an invalid key at position {position} of {len(parts)}"
            ) from None
    return tuple(part for part in parts if part)


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv_path: Path | None = None
) -> Settings:
    """Read and validate the settings; raise ConfigError with one line on the first bad value."""
    env = os.environ if environ is None else environ
    path = dotenv_path if dotenv_path is not None else Path.cwd() / ".env"
    dotenv = (
        {k: v for k, v in dotenv_values(path).items() if v is not None} if path.is_file() else {}
    )
    src = _Source(env, dotenv, str(path.name if dotenv_path is None else path))
    cert = src.parse("TANDEM_APP_CERTIFICATE_PATH", None, lambda r: Path(r), "a file path")
    settings = Settings(
        app_id=src.parse("TANDEM_APP_ID", "", str, "the bot's Microsoft Entra app id"),
        app_password=src.parse("TANDEM_APP_PASSWORD", "", str, "the app's client secret"),
        app_certificate_path=cert,
        app_certificate_thumbprint=src.parse("TANDEM_APP_CERTIFICATE_THUMBPRINT", "", str, "hex"),
        tenant_id=src.parse("TANDEM_TENANT_ID", "", str, "a tenant id"),
        app_type=src.parse(
            "TANDEM_APP_TYPE", AppType.SINGLE_TENANT, AppType, "one of " + choices(AppType)
        ),
        database_url=src.parse(
            "TANDEM_DATABASE_URL", "", database_url, "a sqlite:// or postgresql:// URL"
        ),
        dev_mode=src.parse("TANDEM_DEV_MODE", False, boolean, "true or false"),
        host=src.parse("TANDEM_HOST", "127.0.0.1", str, "an address to listen on"),
        port=src.parse("TANDEM_PORT", 3978, port_number, "a whole number from 0 to 65535"),
        admins=src.parse("TANDEM_ADMINS", (), id_list, "comma-separated AAD object ids"),
        admin_team_id=src.parse("TANDEM_ADMIN_TEAM_ID", "", str, "a Teams team id"),
        admin_channel_private=src.parse(
            "TANDEM_ADMIN_CHANNEL_PRIVATE", False, boolean, "true or false"
        ),
        allowed_tenants=src.parse("TANDEM_ALLOWED_TENANTS", (), id_list, "comma-separated ids"),
        programme=src.parse(
            "TANDEM_PROGRAMME", "together", programme_name, "a preset name such as together"
        ),
        programmes_dir=src.parse(
            "TANDEM_PROGRAMMES_DIR", DEFAULT_PROGRAMMES_DIR, Path, "a directory"
        ),
        data_dir=src.parse("TANDEM_DATA_DIR", DEFAULT_DATA_DIR, Path, "a directory"),
        log_level=src.parse("TANDEM_LOG_LEVEL", "INFO", log_level, "DEBUG, INFO, WARNING or ERROR"),
        encryption_keys=_encryption_keys(src),
        graph_auth=src.parse(
            "TANDEM_GRAPH_AUTH", GraphAuth.NONE, GraphAuth, "one of " + choices(GraphAuth)
        ),
        graph_managed_identity_client_id=src.parse(
            "TANDEM_GRAPH_MANAGED_IDENTITY_CLIENT_ID", "", str, "a client id"
        ),
        graph_base_url=src.parse(
            "TANDEM_GRAPH_BASE_URL", GRAPH_V1, http_url, "an https:// URL or loopback http://"
        ),
        production=src.parse("TANDEM_PRODUCTION", False, boolean, "true or false"),
        workers=src.parse("TANDEM_WORKERS", 1, worker_count, "a whole number from 1 to 64"),
        public_url=src.parse("TANDEM_PUBLIC_URL", "", str, "https://host"),
        send_rate=src.parse("TANDEM_SEND_RATE", 25.0, send_rate, "a number of messages a second"),
        job_sweep_seconds=src.parse("TANDEM_JOB_SWEEP_SECONDS", 60.0, seconds, SECONDS),
        job_lease_seconds=src.parse("TANDEM_JOB_LEASE_SECONDS", 120.0, seconds, SECONDS),
        clock_start=src.parse("TANDEM_CLOCK_START", None, instant, "an ISO instant with offset"),
        teams_app_catalog_id=src.parse("TANDEM_TEAMS_APP_CATALOG_ID", "", str, "a catalog id"),
        sso_jwks_url=src.parse(
            "TANDEM_SSO_JWKS_URL", SSO_JWKS, http_url, "an https:// URL or loopback http://"
        ),
    )
    check_production(settings)
    check_startup_safety(settings)
    check_graph_settings(settings)
    return settings


def check_production(settings: Settings) -> None:
    """Refuse what must never run in production, and SQLite shared by several processes."""
    if settings.workers > 1 and settings.effective_database_url.startswith("sqlite"):
        raise ConfigError(
            f"TANDEM_WORKERS={settings.workers} with SQLite: SQLite serves one process only; "
            "set TANDEM_DATABASE_URL to PostgreSQL to run several workers"
        )
    if settings.clock_start is not None and not settings.dev_mode:
        raise ConfigError("TANDEM_CLOCK_START moves Tandem's clock: dev mode only")
    if not settings.production:
        return
    if settings.dev_mode:
        raise ConfigError("TANDEM_PRODUCTION=true refuses TANDEM_DEV_MODE=true: unset dev mode")
    if not settings.app_id:
        raise ConfigError("TANDEM_PRODUCTION=true needs TANDEM_APP_ID, the bot's app id")
    needs_secret = settings.app_type is not AppType.USER_ASSIGNED_MSI
    if needs_secret and not settings.app_password and settings.app_certificate_path is None:
        raise ConfigError(
            "TANDEM_PRODUCTION=true needs TANDEM_APP_PASSWORD (or TANDEM_APP_CERTIFICATE_PATH)"
        )
    if not settings.encryption_keys:
        raise ConfigError(
            "TANDEM_PRODUCTION=true needs TANDEM_ENCRYPTION_KEYS: create one with "
            "`python -m teams_app generate-key`"
        )


def check_graph_settings(settings: Settings) -> None:
    """Refuse a Graph sign-in method whose credentials are not all set."""
    auth = settings.graph_auth
    if auth is GraphAuth.ANONYMOUS:
        _check_anonymous_graph(settings)
        return
    if auth in (GraphAuth.NONE, GraphAuth.MANAGED_IDENTITY):
        return
    if not settings.app_id or not settings.tenant_id:
        raise ConfigError(
            f"TANDEM_GRAPH_AUTH={auth}: TANDEM_APP_ID and TANDEM_TENANT_ID must both be set"
        )
    if auth is GraphAuth.CLIENT_SECRET and not settings.app_password:
        raise ConfigError("TANDEM_GRAPH_AUTH=client_secret: TANDEM_APP_PASSWORD is empty")
    if auth is GraphAuth.CERTIFICATE and settings.app_certificate_path is None:
        raise ConfigError("TANDEM_GRAPH_AUTH=certificate: TANDEM_APP_CERTIFICATE_PATH is empty")


def _check_anonymous_graph(settings: Settings) -> None:
    """An unsigned Graph is for development against a local double, never a real tenant."""
    url = settings.graph_base_url
    if not settings.dev_mode or not url.startswith("http://") or not is_loopback(url_host(url)):
        raise ConfigError(
            "TANDEM_GRAPH_AUTH=anonymous is for development only: it needs TANDEM_DEV_MODE=true "
            "and a loopback TANDEM_GRAPH_BASE_URL (http://127.0.0.1:PORT/v1.0)"
        )


def check_startup_safety(settings: Settings) -> None:
    """Refuse combinations that would expose an unauthenticated bot or a half-set identity."""
    if not settings.app_id:
        if not settings.dev_mode:
            raise ConfigError(
                "TANDEM_APP_ID is empty: set the bot's app id, or set TANDEM_DEV_MODE=true "
                "to run unauthenticated on loopback for local development"
            )
        if not is_loopback(settings.host):
            raise ConfigError(
                f"TANDEM_HOST={settings.host} with an empty TANDEM_APP_ID: an unauthenticated "
                "bot may only listen on loopback (127.0.0.1, ::1 or localhost)"
            )
        return
    if not settings.encryption_keys:
        raise ConfigError(
            "TANDEM_ENCRYPTION_KEYS is empty: confidential answers must be encrypted at rest; "
            "create a key with `python -m teams_app generate-key`"
        )
    if settings.app_type is AppType.USER_ASSIGNED_MSI:
        if not settings.tenant_id:
            raise ConfigError("TANDEM_TENANT_ID is empty: UserAssignedMSI needs the tenant id")
        return
    if not settings.app_password and settings.app_certificate_path is None:
        raise ConfigError(
            "TANDEM_APP_PASSWORD and TANDEM_APP_CERTIFICATE_PATH are both empty: "
            "the bot needs a client secret or a certificate"
        )
    if settings.app_certificate_path is not None and not settings.app_certificate_thumbprint:
        raise ConfigError(
            "TANDEM_APP_CERTIFICATE_THUMBPRINT is empty: a certificate needs its thumbprint"
        )
    if settings.app_type is AppType.SINGLE_TENANT and not settings.tenant_id:
        raise ConfigError("TANDEM_TENANT_ID is empty: a SingleTenant app needs its tenant id")
