"""Key rotation from the command line, as an operator runs it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from teams_app.__main__ import main
from teams_app.bootstrap import open_store
from teams_app.config import load_settings
from teams_app.domain.applications import Application
from teams_app.domain.people import Person
from teams_app.storage.cipher import generate_key


async def test_rotate_keys_re_encrypts_so_the_old_key_can_be_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = generate_key(), generate_key()
    env = {"TANDEM_DEV_MODE": "true", "TANDEM_DATA_DIR": str(tmp_path)}
    store = await open_store(load_settings({**env, "TANDEM_ENCRYPTION_KEYS": old}, tmp_path / "x"))
    await store.upsert_person(Person("aad-1", "one@un.org", "One"))
    cohort = await store.ensure_cohort("iom", "2026")
    await store.save_application(
        Application(cohort.id, "aad-1", "mentee", confidential={"disability": "yes"})
    )
    await store.close()
    for key, value in {**env, "TANDEM_ENCRYPTION_KEYS": f"{new},{old}"}.items():
        monkeypatch.setenv(key, value)
    assert await _run_cli(["rotate-keys"]) == 0
    assert "Re-encrypted 1 applications" in capsys.readouterr().out
    only_new = load_settings({**env, "TANDEM_ENCRYPTION_KEYS": new}, tmp_path / "x")
    store = await open_store(only_new)
    try:
        stored = await store.get_application(cohort.id, "aad-1", "mentee")
        assert stored is not None and stored.confidential == {"disability": "yes"}
    finally:
        await store.close()


async def _run_cli(argv: list[str]) -> int:
    # main() runs its own event loop, so it goes to a worker thread here.
    return await asyncio.to_thread(main, argv)
