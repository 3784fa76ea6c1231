"""Printing a benchmark run: first contacts, the closed-loop table and ratios Tandem / bare,
the open-loop pass, the stall check, the targets."""

from __future__ import annotations

import math
from dataclasses import dataclass

from load_run import PassStats
from open_loop import OpenLoopPlan, OpenLoopStats
from stall_log import SLOW_CALLBACK_SECONDS, Stall, describe
from teams_traffic import KINDS

BARE = "bare"
TANDEM = "tandem"
THROUGHPUT_RATIO_TARGET = 0.5
# Judged on the open-loop pass: a closed loop's latency is mostly its own queue.
P99_TARGET_SECONDS = 0.25
# A generator that sends this late was itself starved of CPU (other load on the machine).
GENERATOR_LAG_WARNING_SECONDS = 0.05


@dataclass
class PassResult:
    """One bot at one concurrency: the load figures and what the bot process did meanwhile."""

    bot: str
    concurrency: int
    stats: PassStats
    replies: int
    server_cpu: float
    stalls: list[Stall]
    startup_stalls: list[Stall]


@dataclass
class OpenLoopResult:
    """One bot under the open-loop load, and what the bot process did meanwhile."""

    bot: str
    plan: OpenLoopPlan
    run: OpenLoopStats
    replies: int
    server_cpu: float


def _ms(seconds: float) -> str:
    return "-" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


def print_first_contacts(first: dict[str, PassStats], clients: int) -> None:
    """The one-off pass where every conversation is new to the bot (Tandem stores each)."""
    print(
        f"first contact: one activity from each person, {clients} closed-loop clients, before "
        "the timed passes (Tandem stores each new conversation; not judged)"
    )
    for bot, s in first.items():
        errors = f", {sum(s.errors.values())} errors" if s.errors else ""
        print(
            f"  {bot:<8}{s.answered:>5} requests at {s.throughput:.0f} req/s, "
            f"p50 {_ms(s.percentile(0.5))} ms, p99 {_ms(s.percentile(0.99))} ms{errors}"
        )


def print_table(results: list[PassResult]) -> None:
    """bot, clients, requests, throughput, p50, p99, errors, connector replies, CPU use."""
    print("closed loop: each client sends its next activity as soon as the last is answered")
    header = (
        f"{'bot':<8}{'clients':>8}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'replies':>9}{'bot CPU ms/req':>16}{'load gen CPU':>14}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        s = r.stats
        per_request = r.server_cpu / s.answered * 1000 if s.answered else math.nan
        gen = s.client_cpu / s.elapsed * 100 if s.elapsed else math.nan
        print(
            f"{r.bot:<8}{r.concurrency:>8}{s.answered:>10}{s.throughput:>9.0f}"
            f"{_ms(s.percentile(0.5)):>9}{_ms(s.percentile(0.99)):>9}"
            f"{sum(s.errors.values()):>8}{r.replies:>9}{per_request:>16.2f}{gen:>13.0f}%"
        )
    for r in results:
        if r.stats.errors:
            print(f"  errors of {r.bot} at {r.concurrency}: {dict(r.stats.errors)}")


def print_kinds(results: list[PassResult]) -> None:
    """p50 / p99 of each kind of request."""
    titles = "".join(f"{kind + ' p50 / p99 ms':>26}" for kind in KINDS)
    print(f"{'latency by kind':<16}{'clients':>8}{titles}")
    for r in results:
        cells = "".join(
            f"{_ms(r.stats.percentile(0.5, k)) + ' / ' + _ms(r.stats.percentile(0.99, k)):>26}"
            for k in KINDS
        )
        print(f"{r.bot:<16}{r.concurrency:>8}{cells}")


def _pair(results: list[PassResult], clients: int) -> tuple[PassStats, PassStats] | None:
    found = {r.bot: r.stats for r in results if r.concurrency == clients}
    return (found[TANDEM], found[BARE]) if TANDEM in found and BARE in found else None


def _ratio(top: float, bottom: float) -> float:
    return top / bottom if bottom else math.nan


def print_ratios(results: list[PassResult]) -> None:
    """The ratio line per concurrency: throughput and p99 of Tandem over the bare bot's."""
    for clients in sorted({r.concurrency for r in results}):
        pair = _pair(results, clients)
        if pair is None:
            continue
        tandem, bare = pair
        throughput = _ratio(tandem.throughput, bare.throughput)
        p99 = _ratio(tandem.percentile(0.99), bare.percentile(0.99))
        print(
            f"ratio Tandem / bare at {clients} clients: "
            f"throughput {throughput:.2f}, p99 latency {p99:.2f}"
        )


def print_open_loop(results: list[OpenLoopResult]) -> None:
    """The open-loop pass: offered rate, answered rate, p50/p99 from scheduled arrival."""
    if not results:
        return
    plan = results[0].plan
    print(
        f"open loop: Poisson arrivals at {plan.rate:.0f} req/s for {plan.seconds:.0f} s over "
        f"{plan.connections} connections; latency from each request's scheduled arrival"
    )
    header = (
        f"{'bot':<8}{'offered':>9}{'answered':>10}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'max ms':>9}{'errors':>8}{'in flight':>11}{'bot CPU':>9}{'gen lag ms':>12}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        s = r.run.stats
        cpu = r.server_cpu / s.elapsed * 100 if s.elapsed else math.nan
        print(
            f"{r.bot:<8}{r.run.offered:>9}{s.answered:>10}{s.throughput:>8.0f}"
            f"{_ms(s.percentile(0.5)):>9}{_ms(s.percentile(0.99)):>9}{_ms(s.percentile(1.0)):>9}"
            f"{sum(s.errors.values()):>8}{r.run.max_in_flight:>11}{cpu:>8.0f}%"
            f"{_ms(r.run.max_dispatch_lag):>12}"
        )
    for r in results:
        if r.run.stats.errors:
            print(f"  errors of {r.bot} in the open loop: {dict(r.run.stats.errors)}")
        if r.run.max_dispatch_lag > GENERATOR_LAG_WARNING_SECONDS:
            print(
                f"  note: the load generator sent some of {r.bot}'s requests up to "
                f"{_ms(r.run.max_dispatch_lag)} ms late (it was short of CPU); that delay "
                "counts in the latency, so rerun on a quieter machine before judging this p99"
            )


def print_stalls(stall_passes: list[PassResult]) -> None:
    """The debug-mode pass: stalls over the slow-callback threshold during the load."""
    limit = SLOW_CALLBACK_SECONDS * 1000
    print(
        f"event-loop stalls over {limit:.0f} ms (separate pass, PYTHONASYNCIODEBUG=1, "
        "warm-up + pass; debug mode slows both bots, so its figures are not the ones above)"
    )
    for r in stall_passes:
        s = r.stats
        print(
            f"  {r.bot:<16}{r.concurrency} clients, {s.answered} requests at {s.throughput:.0f} "
            f"req/s, p99 {_ms(s.percentile(0.99))} ms; stalls: {describe(r.stalls)}"
        )
        if r.startup_stalls:
            print(f"  {'':<16}(at start-up, not counted: {describe(r.startup_stalls)})")


def _verdict(ok: bool, text: str) -> bool:
    print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    return ok


def print_targets(
    results: list[PassResult], open_loop: list[OpenLoopResult], stall_passes: list[PassResult]
) -> bool:
    """PASS/FAIL against each target; True when all pass."""
    print("targets")
    verdicts = []
    for clients in sorted({r.concurrency for r in results}):
        pair = _pair(results, clients)
        if pair is not None:
            ratio = _ratio(pair[0].throughput, pair[1].throughput)
            text = f"throughput Tandem / bare >= {THROUGHPUT_RATIO_TARGET:.2f} at {clients} clients"
            verdicts.append(_verdict(ratio >= THROUGHPUT_RATIO_TARGET, f"{text}: {ratio:.2f}"))
    for o in open_loop:
        if o.bot == TANDEM:
            p99 = o.run.stats.percentile(0.99)
            text = (
                f"Tandem p99 < {P99_TARGET_SECONDS * 1000:.0f} ms, open loop at "
                f"{o.plan.rate:.0f} req/s over {o.plan.connections} connections"
            )
            verdicts.append(_verdict(p99 < P99_TARGET_SECONDS, f"{text}: {_ms(p99)} ms"))
    failed = sum(sum(r.stats.errors.values()) for r in results)
    failed += sum(sum(o.run.stats.errors.values()) for o in open_loop)
    verdicts.append(_verdict(failed == 0, f"every request answered with 2xx: {failed} failed"))
    for r in stall_passes:
        if r.bot.startswith(TANDEM):
            text = f"no event-loop stall over {SLOW_CALLBACK_SECONDS * 1000:.0f} ms in Tandem"
            verdicts.append(_verdict(not r.stalls, f"{text}: {describe(r.stalls)}"))
    return all(verdicts)
