"""Tandem in dev mode on a loopback port, served from its own thread (for synchronous HTTP
clients such as schemathesis), with the demo cohort and two pairings."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web

from teams_app.bootstrap import Tandem, build
from teams_app.config import load_settings
from teams_app.demo import DEMO_ADMINS, seed_demo_people
from teams_app.demo_cohort import AMINA, KENJI, LUCAS, SOFIA, seed_demo_cohort
from teams_app.domain.pairing import Pairing


@dataclass
class ServedTandem:
    """Where Tandem listens."""

    url: str
    tandem: Tandem


async def _start(data_dir: Path, more: dict[str, str]) -> tuple[web.AppRunner, ServedTandem]:
    env = {"TANDEM_DEV_MODE": "true", "TANDEM_ADMINS": DEMO_ADMINS[0], "TANDEM_PORT": "0"}
    env |= {"TANDEM_DATA_DIR": str(data_dir), **more}
    settings = load_settings(env, Path("/nonexistent"))
    tandem = await build(settings)
    store = tandem.store
    await seed_demo_people(store)
    await seed_demo_cohort(store, tandem.programme)
    cohort = await store.ensure_cohort(tandem.programme.id, tandem.programme.edition)
    started = datetime.now(UTC)
    for mentee, mentor in ((AMINA, KENJI), (LUCAS, SOFIA)):
        await store.create_pairing(Pairing(cohort.id, mentee, mentor, started), 2, 1)
    runner = web.AppRunner(tandem.web_app, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = int(runner.addresses[0][1])
    return runner, ServedTandem(f"http://127.0.0.1:{port}", tandem)


@contextmanager
def served_tandem(data_dir: Path, env: dict[str, str] | None = None) -> Iterator[ServedTandem]:
    """Run Tandem on a loop in another thread until the block ends (`env`: more settings)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    runner, served = asyncio.run_coroutine_threadsafe(_start(data_dir, env or {}), loop).result(60)
    try:
        yield served
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(60)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
