"""Fixtures for the end-to-end tests: Chromium, the real Tandem, the Playground, a page."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.async_api import Browser, async_playwright

from teams_app.playground import PLAYGROUND_BIN
from tests.e2e.playground import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_ROOT,
    PlaygroundPage,
    free_port,
    running_playground,
    stop_process,
    wait_for_http,
)

VENV_PYTHON = PROJECT_ROOT / ".venv" / "bin" / "python"
STARTUP_TIMEOUT = 45.0


@dataclass(frozen=True)
class TandemServer:
    """A running `python -m teams_app dev` process."""

    url: str
    log: Path
    data_dir: Path
    today: str | None = None

    @property
    def endpoint(self) -> str:
        """The Bot Framework messaging endpoint."""
        return f"{self.url}/api/messages"


def _missing_prerequisites() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not PLAYGROUND_BIN.exists():
        missing.append(f"{PLAYGROUND_BIN} (npm ci)")
    return missing


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Chromium's path; skips the e2e tests without Chromium or the Playground, unless
    TANDEM_REQUIRE_ALL=1 makes that a failure."""
    missing = _missing_prerequisites()
    if missing:
        reason = "end-to-end prerequisites missing: " + ", ".join(missing)
        if os.environ.get("TANDEM_REQUIRE_ALL") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture
async def browser(chromium_path: Path) -> AsyncIterator[Browser]:
    """Headless Debian Chromium driven by Playwright (never `playwright install`)."""
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
def tandem_today(request: pytest.FixtureRequest) -> str | None:
    """The day Tandem runs as (`dev --today`, YYYY-MM-DD); None: the real date. A test picks a
    day with `@pytest.mark.parametrize("tandem_today", ["2026-09-16"], indirect=True)`."""
    day: str | None = getattr(request, "param", None)
    return day


@pytest.fixture
def tandem_args(request: pytest.FixtureRequest) -> tuple[str, ...]:
    """More arguments for `dev` (e.g. `--demo-cohort`), set like `tandem_today`."""
    extra: tuple[str, ...] = tuple(getattr(request, "param", ()))
    return extra


@pytest.fixture
def tandem_env() -> dict[str, str]:
    """More environment for Tandem (e.g. TANDEM_PROGRAMME); a test module overrides it."""
    return {}


@pytest.fixture
async def tandem_server(
    chromium_path: Path,
    tmp_path: Path,
    tandem_today: str | None,
    tandem_args: tuple[str, ...],
    tandem_env: dict[str, str],
    request: pytest.FixtureRequest,
) -> AsyncIterator[TandemServer]:
    """The real Tandem in dev mode on a free port with a fresh SQLite data directory, running
    as if today were `tandem_today` when a test sets it."""
    port = free_port()
    data_dir = tmp_path / "tandem-data"
    data_dir.mkdir()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"{request.node.name}.tandem.log"
    python = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
    command = [python, "-m", "teams_app", "dev", "--no-playground"]
    command += ["--port", str(port), "--data-dir", str(data_dir)]
    if tandem_today is not None:
        command += ["--today", tandem_today]
    command += list(tandem_args)
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
            cwd=PROJECT_ROOT,
            env={**os.environ, **tandem_env},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            await wait_for_http(f"{url}/healthz", STARTUP_TIMEOUT, process)
        except (RuntimeError, TimeoutError) as error:
            tail = log_path.read_text(errors="replace")[-3000:]
            pytest.fail(f"Tandem did not become healthy: {error}\n{tail}")
        yield TandemServer(url=url, log=log_path, data_dir=data_dir, today=tandem_today)
    finally:
        await stop_process(process)


@pytest.fixture
async def playground(
    tandem_server: TandemServer, request: pytest.FixtureRequest
) -> AsyncIterator[str]:
    """The Agents Playground pointed at Tandem; its URL. Its logs stay in
    test-artifacts/e2e/playground/<test name>/."""
    workdir = ARTIFACTS / "playground" / request.node.name
    async with running_playground(tandem_server.endpoint, workdir) as url:
        yield url


@pytest.fixture
async def teams(browser: Browser, playground: str) -> AsyncIterator[PlaygroundPage]:
    """A fresh browser page on the Playground (not loaded yet: call open_personal_chat)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(20_000)
    page = await context.new_page()
    try:
        yield PlaygroundPage(page, playground)
    finally:
        await context.close()
