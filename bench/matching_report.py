"""Printing the matching benchmark: a table per cohort size, the ratios, then the targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LABELS = {
    "engine": "Tandem engine",
    "lsa": "dense LSA",
    "greedy": "greedy",
    "mentor_match": "mentor-match",
}
GIB = 1024.0


@dataclass(frozen=True)
class Size:
    """One cohort size: mentees × mentors."""

    mentees: int
    mentors: int

    @property
    def name(self) -> str:
        """How the size is written on the command line: 2000x1200."""
        return f"{self.mentees}x{self.mentors}"

    def __str__(self) -> str:
        return f"{self.mentees:,}×{self.mentors:,}"


@dataclass
class Outcome:
    """What one method did at one size: its figures, or why it did not run."""

    method: str
    figures: dict[str, Any] = field(default_factory=dict)
    skipped: str | None = None

    @property
    def ran(self) -> bool:
        """Whether figures are there to compare."""
        return self.skipped is None and not self.figures.get("problems")

    def get(self, key: str) -> Any:
        """One figure (None if the method did not run)."""
        return self.figures.get(key) if self.ran else None


def print_size(size: Size, slots: int, outcomes: dict[str, Outcome]) -> None:
    """The per-method table and the ratios for one size."""
    scores = next((o.figures["scores"] for o in outcomes.values() if o.figures), "?")
    print(f"\n== {size} (mentees × mentors; {slots:,} mentor slots), scores: {scores} ==")
    print(f"{'method':<15}{'seconds':>10}{'matched':>10}{'total score':>13}{'peak RSS MB':>13}")
    for method, outcome in outcomes.items():
        label = LABELS[method]
        if outcome.skipped is not None:
            print(f"{label:<15}  skipped: {outcome.skipped}")
            continue
        f = outcome.figures
        note = f"  certified_optimal={f['certified_optimal']}" if method == "engine" else ""
        if f.get("not_certified_because"):
            note += f" ({f['not_certified_because']})"
        if f.get("reasons_seconds") is not None:
            # match_cohort builds reasons when first read: timed apart, not in `seconds`.
            note += f"  (reasons of every pair, read afterwards: {f['reasons_seconds']:.3f} s)"
        if f.get("cpu_seconds") is not None:
            note += f"  (CPU {f['cpu_seconds']:.3f} s)"
        if f.get("solver_seconds") is not None:
            solver = f["solver_seconds"]
            note += f"  (solver alone {solver:.3f} s; the rest scores pairs, fills the matrix)"
        if len(f.get("runs", ())) > 1:
            note += "  (median of " + ", ".join(f"{t:.3f}" for t in f["runs"]) + " s)"
        if f.get("problems"):
            note += "  INVALID: " + "; ".join(f["problems"])
        print(
            f"{label:<15}{f['seconds']:>10.3f}{f['matched']:>10,}{f['total']:>13,}"
            f"{f['peak_rss_mb']:>13,.0f}{note}"
        )
    print_ratios(outcomes)


def print_ratios(outcomes: dict[str, Outcome]) -> None:
    """Engine against LSA (time, objective) and greedy (score gain); mentor-match against LSA."""
    engine, lsa, greedy = (outcomes[m] for m in ("engine", "lsa", "greedy"))
    if engine.ran and lsa.ran:
        ratio = engine.get("seconds") / lsa.get("seconds")
        print(f"ratio engine / LSA time: {ratio:.4f} (engine {_pace(ratio)})")
        if engine.get("cpu_seconds") and lsa.get("cpu_seconds"):
            # CPU time stretches less than wall time with a shared machine's load.
            by_cpu = _pace(engine.get("cpu_seconds") / lsa.get("cpu_seconds"))
            print(f"by CPU time: engine {by_cpu}")
        if lsa.get("solver_seconds"):
            # The strictest reading: LSA's solver alone, without scoring and filling its matrix.
            alone = _pace(engine.get("seconds") / lsa.get("solver_seconds"))
            print(f"against LSA's solver alone (wall): engine {alone}")
        share = engine.get("total") / lsa.get("total")
        print(
            f"objective ratio engine / LSA: total score {share:.4f}, "
            f"matched {engine.get('matched'):,} / {lsa.get('matched'):,}"
        )
    if engine.ran and greedy.ran:
        gain = 100.0 * (engine.get("total") / greedy.get("total") - 1.0)
        print(
            f"engine vs greedy total score: {gain:+.2f}% "
            f"(matched {engine.get('matched'):,} vs {greedy.get('matched'):,})"
        )
    mentor_match = outcomes.get("mentor_match")
    if mentor_match is not None and mentor_match.ran and lsa.ran:
        same = _same_objective(mentor_match, lsa)
        print(f"mentor-match objective vs LSA: {'same' if same else 'DIFFERENT'}")


def _pace(ratio: float) -> str:
    """An engine / baseline time ratio in words."""
    return f"{1 / ratio:,.1f}× faster" if ratio <= 1 else f"{ratio:,.1f}× slower"


def _same_objective(a: Outcome, b: Outcome) -> bool:
    return bool(a.get("matched") == b.get("matched") and a.get("total") == b.get("total"))


def print_targets(results: dict[Size, dict[str, Outcome]]) -> None:
    """PASS/FAIL (or SKIP, when a size or method did not run) for each agreed target."""
    print("\ntargets")
    by_name = {size.name: outcomes for size, outcomes in results.items()}
    for size, outcomes in results.items():
        engine, lsa = outcomes["engine"], outcomes["lsa"]
        if engine.ran and lsa.ran:
            same = _same_objective(engine, lsa)
            _line(
                same,
                f"same objective as dense LSA at {size}: matched {engine.get('matched'):,} "
                f"vs {lsa.get('matched'):,}, total {engine.get('total'):,} vs {lsa.get('total'):,}",
            )
        else:
            _skip(f"same objective as dense LSA at {size}", engine, lsa)
    for name, factor in (("2000x1200", 5.0), ("10000x5000", 30.0)):
        _speed_target(name, factor, by_name.get(name))
    _scale_target(by_name.get("50000x20000"))
    _greedy_target(by_name.get("10000x5000"))


def _speed_target(name: str, factor: float, outcomes: dict[str, Outcome] | None) -> None:
    what = f"≥{factor:g}× faster than dense LSA at {name}"
    if outcomes is None:
        print(f"SKIP {what}: size not run")
        return
    engine, lsa = outcomes["engine"], outcomes["lsa"]
    if not (engine.ran and lsa.ran):
        _skip(what, engine, lsa)
        return
    speedup = lsa.get("seconds") / engine.get("seconds")
    _line(speedup >= factor, f"{what}: {speedup:,.1f}×")


def _scale_target(outcomes: dict[str, Outcome] | None) -> None:
    what = "50000x20000 certified optimal in ≤30 s with peak RSS ≤2.5 GB"
    if outcomes is None:
        print(f"SKIP {what}: size not run")
        return
    engine = outcomes["engine"]
    if not engine.ran:
        _skip(what, engine)
        return
    seconds, rss_gb = engine.get("seconds"), engine.get("peak_rss_mb") / GIB
    certified = engine.get("certified_optimal") is True
    ok = certified and seconds <= 30.0 and rss_gb <= 2.5
    _line(ok, f"{what}: certified_optimal={certified}, {seconds:.1f} s, {rss_gb:.2f} GB")


def _greedy_target(outcomes: dict[str, Outcome] | None) -> None:
    what = "≥8% more total score than greedy at 10000x5000"
    if outcomes is None:
        print(f"SKIP {what}: size not run")
        return
    engine, greedy = outcomes["engine"], outcomes["greedy"]
    if not (engine.ran and greedy.ran):
        _skip(what, engine, greedy)
        return
    gain = 100.0 * (engine.get("total") / greedy.get("total") - 1.0)
    _line(gain >= 8.0, f"{what}: {gain:+.2f}%")


def _line(ok: bool, text: str) -> None:
    print(f"{'PASS' if ok else 'FAIL'} {text}")


def _skip(what: str, *outcomes: Outcome) -> None:
    why = "; ".join(
        f"{LABELS[o.method]} {o.skipped or 'invalid: ' + '; '.join(o.figures['problems'])}"
        for o in outcomes
        if not o.ran
    )
    # An invalid engine assignment fails the target; a baseline that did not run skips it.
    engine_invalid = any(o.method == "engine" and o.figures.get("problems") for o in outcomes)
    print(f"{'FAIL' if engine_invalid else 'SKIP'} {what}: {why}")
