"""The matching benchmark still runs end to end (so it cannot rot unnoticed); its figures are
not judged here: timing belongs in the benchmark, not in tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "matching.py"


def test_quick_matching_benchmark_prints_each_method_and_the_targets() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "== 200×150 " in out
    for method in ("Tandem engine", "dense LSA", "greedy", "mentor-match"):
        assert f"\n{method} " in out, method
    assert "INVALID" not in out
    assert "\ntargets\n" in out
    assert "same objective as dense LSA at 200×150" in out
    if "Tandem engine    skipped" not in out:
        assert "ratio engine / LSA time: " in out
        assert "objective ratio engine / LSA: total score " in out
        assert "engine vs greedy total score: " in out
