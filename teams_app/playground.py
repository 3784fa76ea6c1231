"""The Microsoft 365 Agents Playground as a child process of `make run` (and of the e2e tests)."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import signal
from pathlib import Path

from teams_app.config import PROJECT_ROOT

PLAYGROUND_BIN = PROJECT_ROOT / "node_modules" / ".bin" / "agentsplayground"


def playground_command(bot_endpoint: str, port: int, binary: Path = PLAYGROUND_BIN) -> list[str]:
    """The command line that points the Playground at a bot endpoint, on `port`."""
    return [str(binary), "-e", bot_endpoint, "-c", "msteams", "--dt", "-p", str(port)]


async def stop_child(process: asyncio.subprocess.Process, grace: float = 3.0) -> None:
    """Close its stdin, then SIGINT, SIGTERM and SIGKILL, each after `grace` seconds.

    The Playground's CLI is said to end when stdin closes, but 0.2.28 ignores stdin; both it
    and Tandem exit cleanly on SIGINT.
    """
    if process.stdin is not None:
        process.stdin.close()
    for stop_signal in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        if process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(stop_signal)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), timeout=grace)


class Playground:
    """Starts the Playground pointed at Tandem, its stdin held open as its CLI expects."""

    def __init__(self, bot_port: int, port: int = 56150, binary: Path = PLAYGROUND_BIN) -> None:
        self.bot_port = bot_port
        self.port = port
        self._binary = binary
        self._process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        """Where a browser opens the Playground."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Start the Playground process (stdin kept open)."""
        if not self._binary.exists() or shutil.which("node") is None:
            raise FileNotFoundError(
                f"{self._binary} not found: run `npm ci` (make run does it) to install it"
            )
        endpoint = f"http://127.0.0.1:{self.bot_port}/api/messages"
        self._process = await asyncio.create_subprocess_exec(
            *playground_command(endpoint, self.port, self._binary),
            stdin=asyncio.subprocess.PIPE,
            cwd=PROJECT_ROOT,
        )

    async def stop(self) -> None:
        """Stop the process if it runs."""
        if self._process is not None:
            await stop_child(self._process)
