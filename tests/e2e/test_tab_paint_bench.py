"""The tab paint benchmark still runs end to end (tiny cohort); its timings are not judged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.e2e.tab_pages import require_build

BENCH = Path(__file__).resolve().parents[2] / "bench" / "tab_paint.py"


def test_tiny_tab_paint_benchmark_measures_both_pages(chromium_path: Path) -> None:
    require_build()
    done = subprocess.run(
        [sys.executable, str(BENCH), "--pairs", "60", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "dashboard first paint: 60 pairs" in done.stdout
    assert "Tandem dashboard (React) first paint" in done.stdout
    assert "baseline (plain HTML)    first paint" in done.stdout
    assert "ratio dashboard / baseline" in done.stdout
