"""The processes a benchmark run starts: each bot and the connector sink, each on its own.

Their stdout and stderr go to files: stdout tells the bound URL, stderr holds the logs that
the stall check reads (asyncio's slow-callback warnings).
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = PROJECT_ROOT / "bench"
_URL = re.compile(rb"http://127\.0\.0\.1:(\d+)")
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
START_TIMEOUT = 60.0


@dataclass
class Process:
    """A started child process and the files its output goes to."""

    name: str
    popen: subprocess.Popen[bytes]
    workdir: Path
    url: str = ""

    @property
    def stderr_path(self) -> Path:
        """Where the child's stderr (its logs) goes."""
        return self.workdir / "stderr.log"

    def stderr_size(self) -> int:
        """Bytes written to stderr so far: an offset for `stderr_text`."""
        return self.stderr_path.stat().st_size

    def stderr_text(self, start: int = 0) -> str:
        """Stderr from byte `start` on."""
        with self.stderr_path.open("rb") as file:
            file.seek(start)
            return file.read().decode(errors="replace")

    def cpu_seconds(self) -> float:
        """User plus system CPU time of the process, all its threads included (Linux)."""
        stat = Path(f"/proc/{self.popen.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS

    def stop(self) -> None:
        """Ask the process to stop (SIGTERM), and kill it if it does not within 10 s."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()


def child_environment(asyncio_debug: bool) -> dict[str, str]:
    """The environment of a child: Tandem on its defaults, asyncio debug on or off."""
    env = dict(os.environ)
    env.pop("PYTHONASYNCIODEBUG", None)
    if asyncio_debug:
        env["PYTHONASYNCIODEBUG"] = "1"
    # An operator's environment or .env must not change what the benchmark measures.
    env |= {
        "TANDEM_LOG_LEVEL": "INFO",
        "TANDEM_DATABASE_URL": "",
        "TANDEM_ALLOWED_TENANTS": "",
        "TANDEM_PROGRAMME": "together",
        # bare_bot.py builds its adapter with Tandem's own bot.adapter, so both bots run on
        # exactly the same adapter and only the bot on top differs.
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    return env


def launch(name: str, args: list[str], workdir: Path, asyncio_debug: bool = False) -> Process:
    """Start `python ARGS` in the project root with output to files under `workdir`."""
    workdir.mkdir(parents=True, exist_ok=True)
    with (workdir / "stdout.log").open("wb") as out, (workdir / "stderr.log").open("wb") as err:
        popen = subprocess.Popen(
            [sys.executable, *args],
            cwd=PROJECT_ROOT,
            env=child_environment(asyncio_debug),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
    return Process(name, popen, workdir)


def launch_tandem(name: str, workdir: Path, asyncio_debug: bool = False) -> Process:
    """Tandem in dev mode (no auth, SQLite under `workdir`, loopback), on a free port."""
    args = ["-m", "teams_app", "dev", "--no-playground", "--port", "0"]
    return launch(name, [*args, "--data-dir", str(workdir / "data")], workdir, asyncio_debug)


def launch_script(name: str, script: str, workdir: Path, asyncio_debug: bool = False) -> Process:
    """One of the benchmark's own servers (`bare_bot.py`, `connector_sink.py`)."""
    return launch(name, [str(BENCH_DIR / script)], workdir, asyncio_debug)


async def wait_announced(process: Process) -> str:
    """Wait until the process prints its URL on stdout; return the URL."""
    deadline = time.monotonic() + START_TIMEOUT
    stdout = process.workdir / "stdout.log"
    while time.monotonic() < deadline:
        found = _URL.search(stdout.read_bytes())
        if found:
            process.url = f"http://127.0.0.1:{int(found.group(1))}"
            return process.url
        if process.popen.poll() is not None:
            break
        await asyncio.sleep(0.05)
    tail = process.stderr_text()[-2000:]
    raise RuntimeError(f"{process.name} did not start (exit {process.popen.poll()}):\n{tail}")


async def wait_healthy(session: aiohttp.ClientSession, process: Process) -> None:
    """Wait until `GET /healthz` answers 200."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            async with session.get(f"{process.url}/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.05)
    raise RuntimeError(f"{process.name} never answered /healthz with 200")
