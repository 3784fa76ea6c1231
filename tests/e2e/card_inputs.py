"""Fill and read an Adaptive Card's inputs in the Playground, by input id.

The Playground's renderer (Fluent UI v9) gives inputs random DOM ids (`__ac-<uuid>`), so the
card's own ids (`q.<question id>`) appear nowhere in the page. `CardFeed` keeps the JSON of every
card the page receives; `CardForm` pairs a rendered card with its JSON (same input labels, in
the same order) and reaches input number n as the card's n-th `.ac-input-container`.

What the renderer makes of each input (tests/e2e/README.md has the table):
Input.Text → `input`/`textarea`; Input.Number → `role=spinbutton`; Input.Date → a read-only
DatePicker (typing is ignored: pick in its calendar); ChoiceSet compact → a Combobox whose list
is a portal (`role=option`, or `role=menuitemcheckbox` with `aria-checked` when multi);
expanded → radios (`value` = choice value) or checkboxes (`aria-label` = choice title);
Input.Toggle → a checkbox.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from playwright.async_api import Locator, Page, Request, Response, WebSocket

TIMEOUT_MS = 15_000
CARD_TYPE = "application/vnd.microsoft.card.adaptive"
MONTHS = [date(2000, month, 1).strftime("%B") for month in range(1, 13)]

# For each input container of a card: its label's text, or None (a toggle has none).
_DOM_LABELS = """card => Array.from(card.querySelectorAll('.ac-input-container')).map(c => {
  const run = c.parentElement.querySelector(':scope > label.ac-richTextBlock .ac-textRun');
  return run ? run.textContent : null;
})"""
# The text blocks between an input and the next one: the renderer's own error message (inside
# the input's wrapper), then the card's text blocks that follow (our error, hint and notes).
_NOTES_AFTER = """container => {
  const notes = [];
  const texts = node => node.matches('.ac-textBlock') ? [node.innerText.trim()] : [];
  let node = container.nextElementSibling;
  for (; node; node = node.nextElementSibling) notes.push(...texts(node));
  node = container.parentElement.nextElementSibling;
  for (; node && !node.querySelector('.ac-input-container'); node = node.nextElementSibling)
    notes.push(...texts(node));
  return notes;
}"""

Values = Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class CardInput:
    """One `Input.*` element of an Adaptive Card's JSON."""

    id: str
    type: str
    label: str | None
    choices: tuple[tuple[str, str], ...] = ()  # (value, title)
    compact: bool = False
    multi: bool = False
    value_on: str = "true"
    value_off: str = "false"

    def title_of(self, value: str) -> str:
        """The title shown for the choice `value`."""
        for choice_value, title in self.choices:
            if choice_value == value:
                return title
        raise KeyError(f"{self.id} has no choice {value!r}: {[c[0] for c in self.choices]}")

    def value_of(self, title: str) -> str:
        """The value of the choice shown as `title`."""
        for value, choice_title in self.choices:
            if choice_title == title:
                return value
        raise KeyError(f"{self.id} has no choice titled {title!r}")


def card_inputs(card: Mapping[str, Any]) -> list[CardInput]:
    """The inputs of `card` in document order (as the renderer lays them out)."""
    return [_card_input(element) for element in _elements(card.get("body", []))]


def _elements(items: Sequence[Any]) -> Iterator[Mapping[str, Any]]:
    for item in items:
        if not isinstance(item, Mapping):
            continue
        if str(item.get("type", "")).startswith("Input."):
            yield item
        yield from _elements(item.get("items", []))
        yield from _elements(item.get("columns", []))


def _card_input(element: Mapping[str, Any]) -> CardInput:
    choices = tuple((str(c["value"]), str(c["title"])) for c in element.get("choices", []))
    return CardInput(
        id=str(element["id"]),
        type=str(element["type"]),
        label=element.get("label"),
        choices=choices,
        compact=element.get("style", "compact") != "expanded",
        multi=bool(element.get("isMultiSelect")),
        value_on=str(element.get("valueOn", "true")),
        value_off=str(element.get("valueOff", "false")),
    )


class CardFeed:
    """Every Adaptive Card a page received (messages and invoke answers, oldest first) and the
    `data` of every card action (invoke) it sent."""

    def __init__(self, page: Page) -> None:
        self.cards: list[dict[str, Any]] = []
        self.actions: list[dict[str, Any]] = []
        page.on("websocket", self._on_websocket)
        page.on("request", self._on_request)
        page.on("response", self._on_response)

    def _on_websocket(self, socket: WebSocket) -> None:
        if "_ws_conversation" in socket.url:
            socket.on("framereceived", self._on_frame)

    def _on_frame(self, payload: str | bytes) -> None:
        try:
            frame = json.loads(payload)
        except ValueError:
            return
        message = frame.get("message") if isinstance(frame, dict) else None
        for attachment in (message or {}).get("attachments") or []:
            if attachment.get("contentType") == CARD_TYPE:
                self.cards.append(attachment["content"])

    def _on_request(self, request: Request) -> None:
        if request.url.endswith("/_conversation/v1/invoke") and request.post_data:
            action = json.loads(request.post_data).get("value", {}).get("action", {})
            self.actions.append(action.get("data", {}))

    async def _on_response(self, response: Response) -> None:
        if not response.url.endswith("/_conversation/v1/invoke") or not response.ok:
            return
        try:
            answer = await response.json()
        except Exception:  # the page closed, or no JSON: no card to keep
            return
        if isinstance(answer, dict) and answer.get("type") == CARD_TYPE:
            self.cards.append(answer["value"])

    async def inputs_of(self, card: Locator, wait_ms: int = TIMEOUT_MS) -> list[CardInput]:
        """The inputs of the rendered `card`: those of the newest received JSON card whose
        input labels are the rendered ones (an invoke's answer may lag its rendering)."""
        deadline = time.monotonic() + wait_ms / 1000
        while True:
            rendered = await card.evaluate(_DOM_LABELS)
            for received in reversed(self.cards):
                inputs = card_inputs(received)
                if [i.label for i in inputs] == rendered:
                    return inputs
            if time.monotonic() > deadline:
                raise AssertionError(f"no received card has the inputs labelled {rendered}")
            await asyncio.sleep(0.1)


class CardForm:
    """The inputs of one rendered card, reached by their card ids (`q.<question id>`)."""

    def __init__(self, page: Page, card: Locator, inputs: Sequence[CardInput]) -> None:
        self.page = page
        self.card = card
        self.inputs = {i.id: i for i in inputs}
        self._order = [i.id for i in inputs]

    def container(self, input_id: str) -> Locator:
        """The `.ac-input-container` of `input_id`."""
        if input_id not in self.inputs:
            raise KeyError(f"the card has no input {input_id!r}: {self._order}")
        return self.card.locator(".ac-input-container").nth(self._order.index(input_id))

    async def notes(self, input_id: str) -> list[str]:
        """The text blocks right after the input: its error, hint and notes."""
        notes: list[str] = await self.container(input_id).evaluate(_NOTES_AFTER)
        return notes

    async def fill(self, values: Values) -> None:
        """Set each input to its value: choice values (a list, or comma-separated, when multi),
        dates as YYYY-MM-DD, toggles as their valueOn/valueOff. Multi choices not listed are
        unticked."""
        for input_id, value in values.items():
            card_input = self.inputs.get(input_id)
            if card_input is None:
                raise KeyError(f"the card has no input {input_id!r}: {self._order}")
            await self._fill_one(card_input, self.container(input_id), value)

    async def values(self) -> dict[str, str]:
        """What the card would send now, as strings: "" when empty, several choices
        comma-separated in the card's order, a date as YYYY-MM-DD."""
        return {i: await self._read_one(self.inputs[i], self.container(i)) for i in self._order}

    # -- filling ----------------------------------------------------------------------------

    async def _fill_one(
        self, card_input: CardInput, box: Locator, value: str | Sequence[str]
    ) -> None:
        text = value if isinstance(value, str) else ",".join(value)
        kind = card_input.type
        if kind == "Input.Text":
            await box.locator("input, textarea").first.fill(text)
        elif kind == "Input.Number":
            spin = box.get_by_role("spinbutton")
            await spin.fill(text)
            await spin.blur()  # the SpinButton commits its value on blur
        elif kind == "Input.Date":
            await self._pick_date(box, date.fromisoformat(text))
        elif kind == "Input.Toggle":
            await box.locator("input[type=checkbox]").set_checked(text == card_input.value_on)
        elif kind == "Input.ChoiceSet":
            wanted = _split(value) if card_input.multi else [text]
            await self._choose(card_input, box, wanted)
        else:
            raise NotImplementedError(kind)

    async def _choose(self, card_input: CardInput, box: Locator, wanted: list[str]) -> None:
        titles = {card_input.title_of(v) for v in wanted if v}
        if not card_input.multi and not titles:
            raise ValueError(f"{card_input.id}: a single choice is picked, not cleared")
        if card_input.compact and not card_input.multi:
            listbox = await self._open_list(box)
            await listbox.get_by_role("option", name=titles.pop(), exact=True).click()
        elif card_input.compact:
            listbox = await self._open_list(box)
            ticked = set(await listbox.locator('[aria-checked="true"]').all_inner_texts())
            for title in sorted(ticked ^ titles):
                await listbox.get_by_role("menuitemcheckbox", name=title, exact=True).click()
            await self._close_list(box)
        elif not card_input.multi:
            await box.locator(f"input[type=radio][value={json.dumps(wanted[0])}]").check()
        else:
            for _, title in card_input.choices:
                checkbox = box.locator(f"input[type=checkbox][aria-label={json.dumps(title)}]")
                await checkbox.set_checked(title in titles)

    async def _open_list(self, box: Locator) -> Locator:
        combobox = box.get_by_role("combobox")
        if await combobox.get_attribute("aria-expanded") != "true":
            await combobox.click()
        listbox_id = await combobox.get_attribute("aria-controls")
        listbox = self.page.locator(f'[id="{listbox_id}"]')
        await listbox.wait_for(timeout=TIMEOUT_MS)
        return listbox

    async def _close_list(self, box: Locator) -> None:
        # Open, the Combobox empties its text for typing; closed but focused it stays empty;
        # only on blur does it show the choices again ("Blue, Pink"), as a person left it.
        combobox = box.get_by_role("combobox")
        if await combobox.get_attribute("aria-expanded") == "true":
            await combobox.press("Escape")
        await combobox.blur()

    async def _pick_date(self, box: Locator, day: date) -> None:
        # The DatePicker ignores typed text: go month view → year view, page to the year,
        # then pick the year, the month and the day, as a person would.
        await box.get_by_role("combobox").click()
        calendar = self.page.get_by_role("dialog", name="Calendar")
        await calendar.locator(".fui-CalendarDay__monthAndYear").click()
        await calendar.locator(".fui-CalendarPicker__currentItemButton").click()
        year = calendar.locator(".fui-CalendarPicker__itemButton", has_text=f"{day.year}")
        for _ in range(40):
            if await year.count():
                break
            shown = await calendar.locator(".fui-CalendarPicker__currentItemButton").inner_text()
            first = int(re.findall(r"\d{4}", shown)[0])
            step = 0 if day.year < first else 1  # previous or next range
            await calendar.locator(".fui-CalendarPicker__navigationButton").nth(step).click()
        await year.click()
        month = MONTHS[day.month - 1]
        await calendar.get_by_role("gridcell", name=month, exact=True).click()
        await calendar.locator(f'button[aria-label="{day.day}, {month}, {day.year}"]').click()
        await calendar.wait_for(state="hidden", timeout=TIMEOUT_MS)

    # -- reading ----------------------------------------------------------------------------

    async def _read_one(self, card_input: CardInput, box: Locator) -> str:
        kind = card_input.type
        if kind == "Input.Text":
            return await box.locator("input, textarea").first.input_value()
        if kind == "Input.Number":
            return await box.get_by_role("spinbutton").input_value()
        if kind == "Input.Date":
            return _iso_date(await box.get_by_role("combobox").input_value())
        if kind == "Input.Toggle":
            checked = await box.locator("input[type=checkbox]").is_checked()
            return card_input.value_on if checked else card_input.value_off
        if kind == "Input.ChoiceSet":
            return ",".join(card_input.value_of(t) for t in await self._chosen(card_input, box))
        raise NotImplementedError(kind)

    async def _chosen(self, card_input: CardInput, box: Locator) -> list[str]:
        if card_input.compact and not card_input.multi:
            title = await box.get_by_role("combobox").input_value()
            return [title] if title else []
        if card_input.compact:
            listbox = await self._open_list(box)
            titles = await listbox.locator('[aria-checked="true"]').all_inner_texts()
            await self._close_list(box)
            return [t.strip() for t in titles]
        if not card_input.multi:
            radios = box.locator("input[type=radio]:checked")
            return [card_input.title_of(v) for v in await _attributes(radios, "value")]
        return await _attributes(box.locator("input[type=checkbox]:checked"), "aria-label")


def _split(value: str | Sequence[str]) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


async def _attributes(elements: Locator, name: str) -> list[str]:
    found = [await e.get_attribute(name) for e in await elements.all()]
    return [value for value in found if value is not None]


def _iso_date(shown: str) -> str:
    """The DatePicker shows a date as `March 1, 2022` (en-US, the browser's locale here)."""
    if not shown:
        return ""
    return datetime.strptime(shown, "%B %d, %Y").date().isoformat()
