"""Tandem wired for real (SQLite in a temp dir) behind aiohttp's test server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from teams_app.bootstrap import Tandem, build
from teams_app.config import load_settings
from teams_app.domain.matching import match_cohort
from teams_app.services import matching_thread
from teams_app.services.ports import Clock
from tests.doubles.bot_connector import BotConnectorDouble


@dataclass
class Running:
    """A running Tandem, the client that talks to it and the connector it answers through."""

    tandem: Tandem
    client: TestClient  # type: ignore[type-arg]
    connector: BotConnectorDouble


async def start_tandem(
    env: dict[str, str], data_dir: Path, clock: Clock | None = None
) -> tuple[Tandem, TestClient]:  # type: ignore[type-arg]
    """Build Tandem from `env` (plus a private data dir) and serve it on loopback."""
    settings = load_settings({"TANDEM_DATA_DIR": str(data_dir), **env}, Path("/nonexistent"))
    tandem = await build(settings, clock)
    client = TestClient(TestServer(tandem.web_app, host="127.0.0.1"))
    await client.start_server()
    return tandem, client


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[Running]:
    async with BotConnectorDouble() as connector:
        tandem, client = await start_tandem({"TANDEM_DEV_MODE": "true"}, tmp_path)
        try:
            yield Running(tandem, client, connector)
        finally:
            await client.close()


@pytest.fixture
def engine_on_loop(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each matching the services start, whether it ran on the event loop's thread."""
    seen: list[bool] = []

    def recording(*args: object, **kwargs: object) -> object:
        try:
            asyncio.get_running_loop()
            seen.append(True)
        except RuntimeError:
            seen.append(False)
        return match_cohort(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(matching_thread, "match_cohort", recording)
    return seen
