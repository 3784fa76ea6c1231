"""Running `python -m teams_app` as an administrator would, from the project root."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent


def run_tandem(
    *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run one command with `env` over this environment; output captured, never raises."""
    full = {**os.environ, "TANDEM_LOG_LEVEL": "WARNING", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "teams_app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full,
        timeout=120,
        check=False,
    )
