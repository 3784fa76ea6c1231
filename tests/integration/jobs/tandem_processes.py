"""Tandem server processes for the proofs: started through the forking launcher, killed hard.

See forking_launcher.py for why the processes are forked from one that imported Tandem.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
STARTUP_TIMEOUT = 90.0  # importing Tandem on a busy machine


class Launcher:
    """The launcher process and the Tandem processes it started."""

    def __init__(self, process: asyncio.subprocess.Process, work_dir: Path) -> None:
        self._process = process
        self._work_dir = work_dir
        self.alive: set[int] = set()
        self.starts = 0

    async def start(self, env: Mapping[str, str]) -> int:
        """Start one `python -m teams_app serve` with exactly `env`; its pid."""
        self.starts += 1
        log = self._work_dir / f"tandem-{self.starts}.log"
        start = {"env": dict(env), "cwd": str(self._work_dir), "log": str(log)}
        pid = int((await self._ask({"start": start}))["started"])
        self.alive.add(pid)
        return pid

    async def kill(self, pid: int, sig: signal.Signals = signal.SIGKILL) -> int:
        """Send `sig` (SIGKILL: no clean-up of any kind) and wait for the process to end."""
        os.kill(pid, sig)
        answer = await self._ask({"reap": pid})
        self.alive.discard(pid)
        return int(answer["status"])

    def logs(self) -> str:
        """Every started process's output, for a failing assertion's message."""
        return "\n".join(p.read_text() for p in sorted(self._work_dir.glob("tandem-*.log")))

    async def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write((json.dumps(request) + "\n").encode())
        await self._process.stdin.drain()
        line = await asyncio.wait_for(self._process.stdout.readline(), STARTUP_TIMEOUT)
        if not line:
            raise RuntimeError("the launcher ended")
        answer: dict[str, Any] = json.loads(line)
        return answer

    async def close(self) -> None:
        """Kill what is still running, then end the launcher."""
        for pid in list(self.alive):
            await self.kill(pid)
        assert self._process.stdin is not None
        self._process.stdin.close()
        await asyncio.wait_for(self._process.wait(), 30)


@asynccontextmanager
async def launcher(work_dir: Path) -> AsyncIterator[Launcher]:
    """A started launcher (Tandem imported once); everything it started is killed at the end."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.integration.jobs.forking_launcher",
        cwd=ROOT,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    ready = await asyncio.wait_for(process.stdout.readline(), STARTUP_TIMEOUT)
    if b"ready" not in ready:
        process.kill()
        raise RuntimeError(f"the launcher did not start: {ready!r}")
    started = Launcher(process, work_dir)
    try:
        yield started
    finally:
        await started.close()


def tandem_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """Dev mode on loopback with its own SQLite directory, plus `settings` (TANDEM_ names)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TANDEM_DEV_MODE": "true",
        "TANDEM_APP_ID": "",
        "TANDEM_HOST": "127.0.0.1",
        "TANDEM_PORT": "0",
        "TANDEM_DATA_DIR": str(data_dir),
        "TANDEM_LOG_LEVEL": "WARNING",
    }
    return {**env, **settings}
