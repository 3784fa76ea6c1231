"""The Microsoft 365 Agents Playground as a child process of `make run`."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from pathlib import Path

from teams_app.config import PROJECT_ROOT

PLAYGROUND_BIN = PROJECT_ROOT / "node_modules" / ".bin" / "agentsplayground"


class Playground:
    """Starts the Playground pointed at Tandem; it exits when its stdin closes, so we hold it."""

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
        """Close its stdin, which ends it; kill it if it lingers."""
        process = self._process
        if process is None or process.returncode is not None:
            return
        if process.stdin is not None:
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), timeout=5)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
