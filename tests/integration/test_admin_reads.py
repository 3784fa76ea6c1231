"""Administrators read a registration with its confidential answers; every read is audited."""

from __future__ import annotations

import json
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.presets import load_programme
from teams_app.services.admin_access import Administrators
from teams_app.services.admin_reads import AdminReads, ReadRefused
from teams_app.storage.cipher import AnswerCipher, generate_key
from teams_app.storage.engine import create_engine
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.doubles.manual_clock import ManualClock
from tests.integration.cli import run_tandem
from tests.integration.matching_cohort import add_applicant, cohort_of

SECRET = "prefer_not_to_say"


@pytest.fixture
async def reads(tmp_path: Path) -> AsyncIterator[tuple[AdminReads, SqlStore]]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'tandem.db'}"
    await upgrade(url)
    store = SqlStore(create_engine(url), ManualClock(), AnswerCipher([generate_key()]))
    programme = load_programme("iom")
    cohort = await cohort_of(store, programme)
    lea = await add_applicant(store, cohort, "lea", "mentee")
    await store.save_application(
        lea.__class__(**{**lea.__dict__, "confidential": {"diversity_disability": SECRET}})
    )
    clock = ManualClock()
    admins = Administrators(["aad-sofia"], store, clock)
    reads = AdminReads(store, clock, programme, questionnaire_for(programme), admins)
    yield reads, store
    await store.close()


async def test_an_administrator_reads_confidential_answers_and_the_read_is_audited(
    reads: tuple[AdminReads, SqlStore],
) -> None:
    use_case, store = reads
    view = await use_case.application("aad-sofia", "LEA@un.org", Role.MENTEE, "rematch request 12")
    confidential = [line for s in view.sections for line in s.lines if line.confidential]
    assert confidential and confidential[0].value == "Prefer not to say"
    entry = (await store.list_audit())[0]
    assert (entry.actor, entry.action) == ("aad-sofia", "confidential.read")
    assert entry.subject == f"application:{view.application.id}"
    assert entry.detail == {"reason": "rematch request 12"}
    assert SECRET not in json.dumps([entry.detail, entry.subject])


async def test_anyone_else_is_refused_and_the_attempt_is_audited(
    reads: tuple[AdminReads, SqlStore],
) -> None:
    use_case, store = reads
    with pytest.raises(ReadRefused, match="not a programme administrator"):
        await use_case.application("aad-lea", "lea@un.org", Role.MENTEE, "curious")
    entry = (await store.list_audit())[0]
    assert (entry.actor, entry.action) == ("aad-lea", "confidential.read_refused")


async def test_a_read_without_a_reason_is_refused_and_nothing_is_shown(
    reads: tuple[AdminReads, SqlStore],
) -> None:
    use_case, store = reads
    with pytest.raises(ReadRefused, match="say why"):
        await use_case.application("aad-sofia", "lea@un.org", Role.MENTEE, "   ")
    assert not [e for e in await store.list_audit() if e.action == "confidential.read"]


def test_show_application_prints_the_answers_to_an_administrator_only(tmp_path: Path) -> None:
    data = Path(__file__).parent.parent / "data" / "applications.csv"
    env = {
        "TANDEM_DEV_MODE": "true",
        "TANDEM_DATA_DIR": str(tmp_path),
        "TANDEM_ADMINS": "aad-sofia",
    }

    def tandem(*args: str) -> subprocess.CompletedProcess[str]:
        return run_tandem(*args, env=env)

    tandem("import-applications", str(data), "--programme", "together")
    email = data.read_text().splitlines()[1].split(",")[0]
    role = "mentee" if ",mentee," in data.read_text().splitlines()[1] else "mentor"
    shown = tandem(
        "show-application", email, "--role", role, "--as", "aad-sofia", "--reason", "check"
    )
    assert shown.returncode == 0, shown.stderr
    assert "recorded in the audit log" in shown.stdout
    refused = tandem("show-application", email, "--role", role, "--as", "aad-x", "--reason", "x")
    assert refused.returncode == 2 and "not a programme administrator" in refused.stderr
