"""First paint of the programme dashboard on a 2,000-pair cohort, in headless Chromium.

The built tab is served by the tab API double (tests/doubles/tab_api.py) with a cohort of
`--pairs` pairs; each run opens a fresh browser profile (cold cache), already signed in as the
administrator, and reads the page's `tandem:dashboard-painted` mark (the first frame with the
charts drawn, measured from navigation start). A baseline page in the same run fetches the same
dashboard JSON and writes it as plain HTML tables with no framework. Target (issue 8): the
dashboard's first paint under 1.5 s.

    .venv/bin/python bench/tab_paint.py [--pairs 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp import web
from playwright.async_api import Browser, async_playwright

from teams_app.web.tab_routes import TAB_BUILD
from tests.doubles.tab_api import TabApiDouble
from tests.e2e.playground import CHROMIUM, CHROMIUM_ARGS

TARGET_S = 1.5
BASELINE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>baseline</title></head><body>
<h1>Programme dashboard (baseline)</h1><div id="out">Loading…</div>
<script>
const token = sessionStorage.getItem("tandem.token");
fetch("/api/v1/admin/dashboard", {headers: {Authorization: "Bearer " + token}})
  .then((r) => r.json())
  .then((board) => {
    const rows = (list) => list.map((row) =>
      "<tr>" + Object.values(row).map((v) => "<td>" + v + "</td>").join("") + "</tr>").join("");
    const parts = [board.funnel, ...Object.values(board.pairs_by), board.sessions_per_month,
      board.first_contact_days, board.nudges, board.unmatched.slice(0, 25),
      board.without_contact.slice(0, 25), board.queue];
    document.getElementById("out").innerHTML =
      parts.map((list) => "<table>" + rows(list) + "</table>").join("");
    requestAnimationFrame(() => performance.mark("tandem:dashboard-painted"));
  });
</script></body></html>"""


class BenchDouble(TabApiDouble):
    """The double plus the baseline page."""

    def _add_routes(self, app: web.Application) -> None:
        super()._add_routes(app)
        app.router.add_get("/bench/baseline", self._baseline)

    async def _baseline(self, request: web.Request) -> web.Response:
        return web.Response(text=BASELINE, content_type="text/html")


async def painted_after(browser: Browser, url: str, token: str) -> tuple[float, float]:
    """(first contentful paint, dashboard painted) in seconds after navigation start."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.add_init_script(f"sessionStorage.setItem('tandem.token', '{token}')")
    try:
        page = await context.new_page()
        await page.goto(url)
        await page.wait_for_function(
            "() => performance.getEntriesByName('tandem:dashboard-painted').length > 0",
            timeout=30_000,
        )
        marks: list[float] = await page.evaluate(
            """() => [
                (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0})
                    .startTime,
                performance.getEntriesByName('tandem:dashboard-painted')[0].startTime,
            ]"""
        )
        return marks[0] / 1000, marks[1] / 1000
    finally:
        await context.close()


def line(name: str, samples: list[tuple[float, float]]) -> float:
    """Prints one page's figures; returns its median time to the charts."""
    fcp = statistics.median(sample[0] for sample in samples)
    charts = [sample[1] for sample in samples]
    median = statistics.median(charts)
    print(f"  {name:<24} first paint {fcp:6.3f} s   charts {median:6.3f} s (max {max(charts):.3f})")
    return median


async def run(pairs: int, runs: int) -> bool:
    """Alternates baseline and dashboard runs so both see the same machine load."""
    async with BenchDouble(pairs=pairs, unmatched=pairs // 13) as api, async_playwright() as pw:
        token = api.token_for("olivia")
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            await painted_after(browser, f"{api.origin}/tab/dashboard", token)  # warm the server
            baseline, dashboard = [], []
            for _ in range(runs):
                baseline.append(await painted_after(browser, f"{api.origin}/bench/baseline", token))
                dashboard.append(await painted_after(browser, f"{api.origin}/tab/dashboard", token))
        finally:
            await browser.close()
        board = api.board
    print(
        f"dashboard first paint: {pairs:,} pairs, {len(board['without_contact'])} without contact,"
    )
    print(f"  {len(board['unmatched'])} unmatched; {runs} cold runs each, medians")
    ours = line("Tandem dashboard (React)", dashboard)
    base = line("baseline (plain HTML)", baseline)
    print(f"  ratio dashboard / baseline  {ours / base:6.2f}x")
    ok = ours < TARGET_S
    print(f"  target < {TARGET_S} s: {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    """Measure and print; exit 0 even when the target is missed (the line says FAIL)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not (TAB_BUILD / "index.html").is_file():
        print("the tab is not built: run `make tab` first", file=sys.stderr)
        return 2
    ok = asyncio.run(run(args.pairs, args.runs))
    print("targets: " + ("all met" if ok else "NOT all met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
