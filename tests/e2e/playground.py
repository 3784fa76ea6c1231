"""Drive the Microsoft 365 Agents Playground (npm 0.2.28) in headless Chromium.

`running_playground()` starts the Playground as a child process pointed at a bot endpoint;
`PlaygroundPage` is a page object over its web UI. tests/e2e/README.md explains the selectors
and the Playground's quirks.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import shutil
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.error import URLError
from urllib.request import Request, urlopen

from playwright.async_api import FloatRect, Locator, Page

from teams_app.playground import playground_command, stop_child
from tests.e2e.card_inputs import CARD_TYPE, CardFeed, CardForm, Values

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONFIG_FILE = PROJECT_ROOT / ".m365agentsplayground.yml"
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "e2e"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BOT_NAME = "Tandem"  # bot.name in .m365agentsplayground.yml
BOT_ID = "28:00000000-0000-0000-0000-0000000000b0"  # bot.id
PERSONAL_CHAT = "a:tandem-personal-amina-diallo"  # personalChat.id
TIMEOUT_MS = 15_000

_LISTENING = re.compile(r"Listening on (\d+)")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_status(url: str, timeout: float = 2.0) -> int | None:
    """The status of GET `url`, or None when nothing answers."""
    try:
        with urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback URLs only)
            return int(response.status)
    except URLError as error:
        code = getattr(error, "code", None)
        return int(code) if code is not None else None
    except OSError:
        return None


async def wait_for_http(url: str, within: float, process: asyncio.subprocess.Process) -> None:
    """Poll `url` until it answers 200; fail early if `process` dies meanwhile."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.returncode is not None:
            raise RuntimeError(f"process exited with {process.returncode} before {url} answered")
        if await asyncio.to_thread(http_status, url) == 200:
            return
        await asyncio.sleep(0.25)
    raise TimeoutError(f"{url} did not answer 200 within {within:.0f} s")


async def stop_process(process: asyncio.subprocess.Process, grace: float = 5.0) -> None:
    """Stop a child (Tandem or the Playground) the way `make run` does."""
    await stop_child(process, grace)


@contextlib.asynccontextmanager
async def running_playground(
    bot_endpoint: str,
    workdir: Path | None = None,
    config: Path = CONFIG_FILE,
    startup_timeout: float = 30.0,
) -> AsyncIterator[str]:
    """Run the Playground against `bot_endpoint` and yield its URL.

    It runs in `workdir` (default: test-artifacts/e2e/playground/<port>, emptied first) with a
    copy of `config`; its stdout.log and devTools/m365agentsplayground.log (where config errors
    and every activity go) stay there, out of the repo.
    """
    port = free_port()
    workdir = workdir or ARTIFACTS / "playground" / str(port)
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    shutil.copyfile(config, workdir / ".m365agentsplayground.yml")
    stdout_path = workdir / "stdout.log"
    with stdout_path.open("wb") as stdout:
        process = await asyncio.create_subprocess_exec(
            *playground_command(bot_endpoint, port),
            stdin=asyncio.subprocess.PIPE,  # held open: some setups end it when stdin closes
            stdout=stdout,
            stderr=asyncio.subprocess.STDOUT,
            cwd=workdir,
        )
    try:
        actual_port = await _listening_port(stdout_path, process, startup_timeout)
        url = f"http://127.0.0.1:{actual_port}"
        try:  # /_debug/ping is mounted only once the config file has been accepted
            await wait_for_http(f"{url}/_debug/ping", startup_timeout, process)
        except (RuntimeError, TimeoutError) as error:
            raise RuntimeError(f"Playground did not start: {_logs(workdir)}") from error
        yield url
    finally:
        await stop_process(process)


async def _listening_port(
    stdout_path: Path, process: asyncio.subprocess.Process, within: float
) -> int:
    """The port from "Listening on N" (it falls back to a random one if ours got taken)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        output = await asyncio.to_thread(stdout_path.read_text, errors="replace")
        found = _LISTENING.search(output)
        if found:
            return int(found.group(1))
        if process.returncode is not None:
            break
        await asyncio.sleep(0.1)
    raise RuntimeError(f"Playground did not start: {_logs(stdout_path.parent)}")


def _logs(workdir: Path) -> str:
    parts = [workdir / "stdout.log", workdir / "devTools" / "m365agentsplayground.log"]
    return "\n".join(p.read_text(errors="replace")[-3000:] for p in parts if p.exists())


def send_custom_activity(playground_url: str, activity: dict[str, Any]) -> None:
    """Post `activity` verbatim to the bot, as the "Custom activity" menu does.

    The bot's replies show up in the UI if it answers into a conversation the UI knows.
    """
    request = Request(  # noqa: S310 (loopback URL)
        f"{playground_url}/_internal/v1/customActivities",
        data=json.dumps(activity).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urlopen(request, timeout=10) as response:  # noqa: S310
        response.read()


def send_card_as_bot(
    playground_url: str, card: dict[str, Any], conversation_id: str = PERSONAL_CHAT
) -> None:
    """Post an Adaptive Card into a conversation as the bot would (the Playground's mocked
    Connector API), e.g. to render a probe card. A page shows it only if it is open then."""
    activity = {
        "type": "message",
        "from": {"id": BOT_ID},
        "attachments": [{"contentType": CARD_TYPE, "content": card}],
    }
    request = Request(  # noqa: S310 (loopback URL)
        f"{playground_url}/_connector/v3/conversations/{conversation_id}/activities",
        data=json.dumps(activity).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urlopen(request, timeout=10) as response:  # noqa: S310
        response.read()


class PlaygroundPage:
    """The Playground's web UI as seen by the current user (Amina Diallo in our config)."""

    def __init__(self, page: Page, url: str, artifacts: Path = ARTIFACTS) -> None:
        self.page = page
        self.url = url
        self.artifacts = artifacts
        self.in_channel = False
        self._loaded = False
        self._teams_opened: set[str] = set()
        self.feed = CardFeed(page)  # before the first load: it listens to the page's traffic

    # -- navigation -------------------------------------------------------------------------

    async def open_personal_chat(self) -> None:
        """Load the Playground; the first load installs the app in the personal chat."""
        if not self._loaded:
            await self.page.goto(self.url)
            self._loaded = True
        await self.page.get_by_role("treeitem", name="Personal Chat", exact=True).click()
        self.in_channel = False
        await self.compose_box.wait_for(timeout=TIMEOUT_MS)

    async def reload(self) -> None:
        """Reload the page ("leave and come back"): the chat starts empty and the Playground
        sends the personal-chat installation again; then open the personal chat."""
        await self.page.reload()
        self._teams_opened.clear()
        await self.open_personal_chat()

    async def open_channel(self, team: str, channel: str) -> None:
        """Open a team channel. The first channel of a team opened in this page session gets
        installationUpdate(add) + conversationUpdate(bot added) sent into it: in the
        Playground, that is "adding the app to the team"."""
        if not self._loaded:
            await self.open_personal_chat()
        await self.page.get_by_role("treeitem", name=f"{team} - {channel}", exact=True).click()
        self.in_channel = True
        self._teams_opened.add(team)
        await self.page.get_by_role("button", name="Post", exact=True).wait_for(timeout=TIMEOUT_MS)

    async def add_app_to_team(self, team: str, channel: str = "General") -> None:
        """Add the app to `team`: open `channel` if this page has not opened the team yet
        (which installs it), else trigger Mock an Activity → Add application → Send activity."""
        if team not in self._teams_opened:
            await self.open_channel(team, channel)
            return
        await self.open_channel(team, channel)
        await self.mock_activity("Add application")

    async def mock_activity(self, item: str) -> None:
        """Mock an Activity → `item` (its menu items' accessible names are handler names,
        so they are found by their visible text), then Send activity in the JSON dialog."""
        await self.page.get_by_role("button", name="Mock an Activity").click()
        await self.page.locator('[role="menuitem"]', has_text=re.compile(f"^{item}$")).click()
        await self.page.get_by_role("button", name="Send activity").click()

    # -- reading ----------------------------------------------------------------------------

    @property
    def cards(self) -> Locator:
        """Every rendered Adaptive Card in the open conversation."""
        return self.page.locator(".ac-adaptiveCard")

    def card(self, text: str) -> Locator:
        """The Adaptive Cards that contain `text`."""
        return self.cards.filter(has_text=text)

    async def wait_for_card(self, text: str, count: int = 1, wait_ms: int = TIMEOUT_MS) -> Locator:
        """Wait until at least `count` cards contain `text`; the newest of them."""
        matching = self.card(text)
        await matching.nth(count - 1).wait_for(timeout=wait_ms)
        return self._newest(matching)

    async def wait_for_text(self, text: str, wait_ms: int = TIMEOUT_MS) -> Locator:
        """Wait for plain text (a text message, or an invoke's note under a card)."""
        found = self.page.get_by_text(text).first
        await found.wait_for(timeout=wait_ms)
        return found

    async def card_buttons(self, card: Locator) -> list[str]:
        """The titles of a card's action buttons, in order."""
        return [t.strip() for t in await card.locator("button[title]").all_inner_texts()]

    # -- acting -----------------------------------------------------------------------------

    async def click_card_button(self, title: str, card_text: str | None = None) -> None:
        """Press the button `title` on the newest card (containing `card_text`, if given)."""
        card = await self.wait_for_card(card_text) if card_text else self._newest(self.cards)
        await card.get_by_role("button", name=title, exact=True).click()

    async def card_form(self, card: Locator | None = None) -> CardForm:
        """The inputs of `card` (default: the newest card), reachable by their card ids."""
        card = self._newest(self.cards) if card is None else card
        await card.wait_for(timeout=TIMEOUT_MS)
        return CardForm(self.page, card, await self.feed.inputs_of(card))

    async def fill_card(self, values: Values, card: Locator | None = None) -> CardForm:
        """Fill the newest card's inputs by id, e.g. `{"q.goals": ["network"], "q.entry_date":
        "2022-03-01"}` (card_inputs.CardForm.fill says how each kind takes its value)."""
        form = await self.card_form(card)
        await form.fill(values)
        return form

    async def card_values(self, card: Locator | None = None) -> dict[str, str]:
        """What the newest card would send now: input id -> value (choice values, comma-joined)."""
        return await (await self.card_form(card)).values()

    @property
    def compose_box(self) -> Locator:
        """Chats: the message box. Channels: the "Start a new post" box (replies boxes follow)."""
        return self.page.locator('[role="textbox"][contenteditable="true"]').first

    async def send_message(self, text: str) -> None:
        """Type `text` and send it (Enter in a chat; a new post in a channel)."""
        await self.compose_box.click()
        await self.page.keyboard.type(text)
        await self._send()

    async def mention_bot(self, text: str, bot_name: str = BOT_NAME) -> None:
        """Post "@bot text": type @, pick the bot in the typeahead, then the text."""
        await self.compose_box.click()
        await self.page.keyboard.type("@")
        menu_item = self.page.locator('#typeahead-menu [role="menuitem"]', has_text=bot_name)
        await menu_item.first.click()
        await self.page.keyboard.type(f" {text}")
        await self._send()

    async def _send(self) -> None:
        if self.in_channel:
            await self.page.get_by_role("button", name="Post", exact=True).click()
        else:
            await self.page.keyboard.press("Enter")

    def _newest(self, cards: Locator) -> Locator:
        # A chat lists oldest first; a channel lists posts newest first.
        return cards.first if self.in_channel else cards.last

    async def screenshot(self, name: str, around: Locator | None = None) -> Path:
        """Save a PNG of the window as test-artifacts/e2e/<name>.png; with `around` (a card),
        only the chat from the top down to just below it, at full resolution."""
        self.artifacts.mkdir(parents=True, exist_ok=True)
        path = self.artifacts / f"{name}.png"
        box = await around.bounding_box() if around is not None else None
        if box is None:
            await self.page.screenshot(path=str(path), animations="disabled")
            return path
        # Wide enough for the person's own messages, right-aligned beside the bot's cards.
        left = max(0.0, box["x"] - 70)
        width = box["width"] + 300
        viewport = self.page.viewport_size
        height = box["y"] + box["height"] + 70
        if viewport is not None:
            height = min(height, viewport["height"])
        clip: FloatRect = {"x": left, "y": 0, "width": width, "height": height}
        # Transitions finished: a card that just replaced another has its buttons mid-fade.
        await self.page.screenshot(path=str(path), clip=clip, animations="disabled")
        return path
