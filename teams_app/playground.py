"""The Microsoft 365 Agents Playground as a child process of `make run`."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import signal
from pathlib import Path

from teams_app.config import PROJECT_ROOT

PLAYGROUND_BIN = PROJECT_ROOT / "node_modules" / ".bin" / "agentsplayground"


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
        self._process = await asyncio.create_subprocess_exec(
            str(self._binary),
            "-e",
            f"http://127.0.0.1:{self.bot_port}/api/messages",
            "-c",
            "msteams",
            "--dt",
            "-p",
            str(self.port),
            stdin=asyncio.subprocess.PIPE,
            cwd=PROJECT_ROOT,
        )

    async def stop(self) -> None:
        """Close its stdin and interrupt it (0.2.28 ignores stdin); kill it if it lingers."""
        process = self._process
        if process is None or process.returncode is not None:
            return
        if process.stdin is not None:
            process.stdin.close()
        for stop_signal in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(stop_signal)
            try:
                await asyncio.wait_for(process.wait(), timeout=3)
                return
            except TimeoutError:
                continue
