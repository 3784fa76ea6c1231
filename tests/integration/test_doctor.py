"""`python -m teams_app doctor` names what is wrong and how to fix it, and changes nothing."""

from __future__ import annotations

from pathlib import Path

from teams_app.doctor import Finding, examine
from teams_app.storage.migrate import upgrade
from teams_app.storage.schema_state import schema_state
from tests.doubles.graph import GraphDouble
from tests.doubles.graph_model import GraphUser, graph_error
from tests.integration.cli import run_tandem

BOT = "11111111-2222-3333-4444-555555555555"
ADMIN = "00000000-0000-0000-0000-0000000000a9"


def dev_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "TANDEM_DEV_MODE": "true",
        "TANDEM_DATA_DIR": str(tmp_path),
        "TANDEM_ADMINS": ADMIN,
        **extra,
    }


def problems(findings: list[Finding]) -> dict[str, Finding]:
    return {finding.area: finding for finding in findings if not finding.ok}


async def test_a_healthy_dev_installation_has_no_problem(tmp_path: Path) -> None:
    await upgrade(f"sqlite+aiosqlite:///{tmp_path / 'tandem.db'}")
    findings = await examine(dev_env(tmp_path), None)
    assert problems(findings) == {}
    assert [f.area for f in findings] == ["configuration", "database", "graph", "manifest"]


async def test_a_bad_configuration_is_the_one_finding_with_its_line() -> None:
    findings = await examine({"TANDEM_PORT": "eighty"}, None)
    assert len(findings) == 1 and not findings[0].ok
    assert "TANDEM_PORT: must be a whole number" in findings[0].message


async def test_a_database_behind_the_migrations_is_told_to_migrate_and_left_alone(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'tandem.db'}"
    await upgrade(url, "0002")
    found = problems(await examine(dev_env(tmp_path), None))["database"]
    assert found.message.startswith("schema at 0002, newest is")
    assert "python -m teams_app migrate" in found.fix
    assert (await schema_state(url))[0] == "0002"  # the doctor did not migrate


async def test_an_unreachable_database_is_named(tmp_path: Path) -> None:
    env = dev_env(tmp_path, TANDEM_DATABASE_URL="postgresql://tandem@127.0.0.1:1/tandem")
    found = problems(await examine(env, None))["database"]
    assert found.message.startswith("cannot connect")
    assert "TANDEM_DATABASE_URL" in found.fix


async def test_a_missing_graph_permission_is_named_with_its_reason_and_the_consent_step(
    tmp_path: Path,
) -> None:
    await upgrade(f"sqlite+aiosqlite:///{tmp_path / 'tandem.db'}")
    async with GraphDouble([GraphUser(ADMIN, "sofia@tandem.example", "Sofia")]) as graph:
        graph.script("GET", "/users/*/mailboxSettings", graph_error(403, "ErrorAccessDenied"))
        env = dev_env(tmp_path, TANDEM_GRAPH_AUTH="anonymous", TANDEM_GRAPH_BASE_URL=graph.url)
        findings = await examine(env, None)
    found = problems(findings)
    assert list(found) == ["graph MailboxSettings.Read"]
    assert "time zone and working hours" in found["graph MailboxSettings.Read"].message
    assert "Grant admin consent" in found["graph MailboxSettings.Read"].fix
    granted = {f.area for f in findings if f.ok and f.area.startswith("graph ")}
    assert granted == {
        "graph User.Read.All",
        "graph Calendars.ReadWrite",
        "graph TeamsAppInstallation.ReadWriteSelfForUser.All",
    }
    assert graph.count("POST", "/users/*/events") == 0  # probes only read


async def test_graph_switched_off_outside_dev_mode_is_a_problem(tmp_path: Path) -> None:
    await upgrade(f"sqlite+aiosqlite:///{tmp_path / 'tandem.db'}")
    env = {
        "TANDEM_APP_ID": BOT,
        "TANDEM_APP_PASSWORD": "s",
        "TANDEM_TENANT_ID": "t",
        "TANDEM_ENCRYPTION_KEYS": "ZmFrZWtleWZha2VrZXlmYWtla2V5ZmFrZWtleWZha2U=",
        "TANDEM_DATA_DIR": str(tmp_path),
        "TANDEM_PUBLIC_URL": "https://tandem.example.org",
    }
    found = problems(await examine(env, None))
    assert list(found) == ["graph"]
    assert "TANDEM_GRAPH_AUTH" in found["graph"].fix


async def test_a_manifest_that_cannot_be_built_is_named(tmp_path: Path) -> None:
    env = dev_env(tmp_path, TANDEM_PUBLIC_URL="http://tandem.example.org")
    found = problems(await examine(env, None))["manifest"]
    assert "TANDEM_APP_ID" in found.message  # dev mode has no app id: the package needs one


def test_the_command_prints_the_findings_and_fails_on_a_problem(tmp_path: Path) -> None:
    done = run_tandem("doctor", env=dev_env(tmp_path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "PROBLEM  database: schema at nothing" in done.stdout
    assert done.stdout.strip().endswith("1 problem(s) found.")
