"""Helpers for the tab tests: the built tab served by the tab API double, a signed-in page,
axe-core run inside the page, and screenshots in test-artifacts/e2e/tab-*.png."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Page

from teams_app.web.tab_routes import TAB_BUILD
from tests.doubles.tab_api import TabApiDouble
from tests.e2e.playground import ARTIFACTS, PROJECT_ROOT

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
THEMES = ("default", "dark", "contrast")
SERIOUS = {"serious", "critical"}


def require_build() -> None:
    """Skip (or fail, under TANDEM_REQUIRE_ALL=1) when the tab or axe-core is not there."""
    missing = [str(path) for path in (TAB_BUILD / "index.html", AXE) if not path.is_file()]
    if missing:
        reason = f"tab build missing ({', '.join(missing)}): run `make tab`"
        if os.environ.get("TANDEM_REQUIRE_ALL") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


async def sign_in(
    page: Page, api: TabApiDouble, name: str, path: str = "/tab/my-mentoring"
) -> None:
    """Opens `path` and signs in as `name` through the dev sign-in page."""
    await page.goto(api.origin + path)
    await page.get_by_role("button", name=f"Sign in as {name}").click()


async def serious_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not await page.evaluate("() => typeof window.axe !== 'undefined'"):
        await page.evaluate(AXE.read_text())
    violations: list[dict[str, Any]] = await page.evaluate(
        """async () => {
            const result = await window.axe.run(document, { resultTypes: ["violations"] });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
            }));
        }"""
    )
    return [violation for violation in violations if violation["impact"] in SERIOUS]


async def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """test-artifacts/e2e/tab-<name>.png, animations stopped."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"tab-{name}.png"
    await page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path


def bearer_of(api: TabApiDouble, method: str, pattern: str) -> list[str]:
    """The Authorization headers of the recorded requests that match."""
    return [seen.headers.get("Authorization", "") for seen in api.requests(method, pattern)]


# Fixtures for the tab test modules, which import them under these *_fixture names.
@pytest.fixture(name="tab_api")
async def tab_api_fixture() -> AsyncIterator[TabApiDouble]:
    """The double with the demo people, serving the built tab."""
    require_build()
    async with TabApiDouble() as api:
        yield api


@pytest.fixture(name="context")
async def context_fixture(browser: Browser) -> AsyncIterator[BrowserContext]:
    """A browser profile of its own (sessionStorage is per page within it)."""
    made = await browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        timezone_id="Europe/Zurich",
        accept_downloads=True,
    )
    made.set_default_timeout(15_000)
    try:
        yield made
    finally:
        await made.close()


@pytest.fixture(name="page")
async def page_fixture(context: BrowserContext) -> Page:
    """A fresh page in that profile."""
    return await context.new_page()
