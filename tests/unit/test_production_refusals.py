"""Production mode refuses to start on what must never run there, each with one clear line."""

from __future__ import annotations

import pytest

from teams_app.storage.cipher import generate_key
from tests.integration.cli import run_tandem

GOOD = {
    "TANDEM_PRODUCTION": "true",
    "TANDEM_APP_ID": "11111111-2222-3333-4444-555555555555",
    "TANDEM_APP_PASSWORD": "secret-value",
    "TANDEM_TENANT_ID": "00000000-0000-0000-0000-0000000000f1",
    "TANDEM_ENCRYPTION_KEYS": generate_key(),
    "TANDEM_DATABASE_URL": "postgresql+asyncpg://tandem@db.example.org/tandem",
    "TANDEM_WORKERS": "3",
    "TANDEM_DEV_MODE": "false",
}


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (
            {"TANDEM_DEV_MODE": "true"},
            "TANDEM_PRODUCTION=true refuses TANDEM_DEV_MODE=true: unset dev mode",
        ),
        ({"TANDEM_APP_ID": ""}, "TANDEM_PRODUCTION=true needs TANDEM_APP_ID, the bot's app id"),
        (
            {"TANDEM_APP_PASSWORD": ""},
            "TANDEM_PRODUCTION=true needs TANDEM_APP_PASSWORD (or TANDEM_APP_CERTIFICATE_PATH)",
        ),
        (
            {"TANDEM_DATABASE_URL": ""},
            "TANDEM_WORKERS=3 with SQLite: SQLite serves one process only; set "
            "TANDEM_DATABASE_URL to PostgreSQL to run several workers",
        ),
        (
            {"TANDEM_ENCRYPTION_KEYS": ""},
            "TANDEM_PRODUCTION=true needs TANDEM_ENCRYPTION_KEYS: create one with "
            "`python -m teams_app generate-key`",
        ),
    ],
    ids=["dev-mode", "no-app-id", "no-secret", "sqlite-workers", "no-encryption-key"],
)
def test_production_refuses_to_start_with_one_clear_line(change: dict[str, str], line: str) -> None:
    for command in ("check-config", "serve"):
        refused = run_tandem(command, env={**GOOD, **change})
        assert refused.returncode == 2, refused.stdout
        assert refused.stderr.strip().splitlines() == [f"tandem: {line}"]


def test_a_complete_production_configuration_is_accepted() -> None:
    accepted = run_tandem("check-config", env=GOOD)
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout.startswith("Configuration is valid")
