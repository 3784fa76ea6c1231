"""Typed reading of one table of an already-parsed preset, failing with `PresetError`."""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import NoReturn

from teams_app.domain.programme.errors import PresetError, shown

# Keys TOML accepts unquoted; others are shown quoted, as they must be written in the file.
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class TableReader:
    """One table of a preset: every read names the dotted key and what it allows."""

    def __init__(self, raw: object, path: str, source: str, allowed: Collection[str]) -> None:
        self.path = path
        self.source = source
        if not isinstance(raw, Mapping):
            raise PresetError(source, path or "(top level)", f"must be a table, got {shown(raw)}")
        self._raw: Mapping[object, object] = raw
        # Unknown keys are checked first so a typo is reported as itself, not as the
        # "missing" key it was meant to be.
        for key in raw:
            if key not in allowed:
                self._unknown(str(key), allowed)

    def key_path(self, key: str) -> str:
        """The dotted name of `key` inside this table, as error messages show it."""
        shown_key = key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)
        return f"{self.path}.{shown_key}" if self.path else shown_key

    def fail(self, key: str, message: str) -> NoReturn:
        """Raise a `PresetError` about `key` of this table."""
        raise PresetError(self.source, self.key_path(key), message)

    def reject(self, key: str, allowed: str, value: object) -> NoReturn:
        """Raise the usual error: `key` must be `allowed`, got `value`."""
        self.fail(key, f"must be {allowed}, got {shown(value)}")

    def has(self, key: str) -> bool:
        """Whether the administrator wrote `key` in this table."""
        return key in self._raw

    def whole(self, key: str, low: int, high: int, default: int | None = None) -> int:
        """A whole number in [low, high]; required unless a default is given."""
        allowed = f"a whole number from {low} to {high}"
        value = self._value(key, allowed, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.reject(key, allowed, value)
        return value

    def number(self, key: str, low: float, high: float, default: float) -> float:
        """A finite number in [low, high], whole or decimal."""
        allowed = f"a number from {low:g} to {high:g}"
        value = self._value(key, allowed, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.reject(key, allowed, value)
        if not math.isfinite(value) or not low <= value <= high:
            self.reject(key, allowed, value)
        return float(value)

    def flag(self, key: str, default: bool) -> bool:
        """`true` or `false`."""
        value = self._value(key, "true or false", default)
        if not isinstance(value, bool):
            self.reject(key, "true or false", value)
        return value

    def text(
        self, key: str, allowed: str = "text", pattern: str = r".+", max_length: int = 200
    ) -> str:
        """Required text in quotes, stripped, matching `pattern`, at most `max_length` long."""
        value = self._value(key, allowed, None)
        if not isinstance(value, str):
            self.reject(key, allowed, value)
        stripped = value.strip()
        if len(stripped) > max_length or not re.fullmatch(pattern, stripped, re.DOTALL):
            self.reject(key, allowed, value)
        return stripped

    def optional_text(self, key: str, allowed: str = "text", max_length: int = 200) -> str | None:
        """Text if present, else None."""
        return self.text(key, allowed, max_length=max_length) if self.has(key) else None

    def choice(self, key: str, options: Collection[str], default: str | None = None) -> str:
        """One of `options`."""
        allowed = "one of " + ", ".join(repr(option) for option in options)
        value = self._value(key, allowed, default)
        if not isinstance(value, str) or value not in options:
            self.reject(key, allowed, value)
        return value

    def day(self, key: str) -> date:
        """A TOML date without a time of day."""
        allowed = "a date without a time, like 2026-09-01"
        value = self._value(key, allowed, None)
        # A TOML date-time is a `datetime`, which is also a `date`: refuse it explicitly.
        if isinstance(value, datetime) or not isinstance(value, date):
            self.reject(key, allowed, value)
        return value

    def optional_day(self, key: str) -> date | None:
        """A date if present, else None."""
        return self.day(key) if self.has(key) else None

    def texts(
        self, key: str, options: Collection[str] | None = None, default: tuple[str, ...] = ()
    ) -> tuple[str, ...]:
        """A list of distinct non-empty texts, each one of `options` when given."""
        allowed = "a list of text in quotes"
        if options is not None:
            listed = ", ".join(repr(option) for option in options)
            allowed = f"a list of any of {listed}" if listed else "an empty list"
        value = self._value(key, allowed, default)
        if not isinstance(value, list | tuple):
            self.reject(key, allowed, value)
        items: list[str] = []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip() or not _one_of(item, options):
                self._fail_item(key, index, f"must be {_item_of(allowed)}, got {shown(item)}")
            if item.strip() in items:
                self._fail_item(key, index, f"{shown(item)} is listed twice; list it once")
            items.append(item.strip())
        return tuple(items)

    def table(self, key: str, allowed: Collection[str]) -> TableReader:
        """A sub-table; an omitted one reads as empty so its keys take their defaults."""
        raw = self._raw.get(key, {})
        return TableReader(raw, self.key_path(key), self.source, allowed)

    def tables(self, key: str, allowed: Collection[str]) -> list[TableReader]:
        """An array of tables (`[[key]]`); an omitted one reads as empty."""
        value = self._raw.get(key, [])
        if not isinstance(value, list | tuple):
            self.reject(key, "a list of tables, written [[" + self.key_path(key) + "]]", value)
        return [
            TableReader(item, f"{self.key_path(key)}[{index}]", self.source, allowed)
            for index, item in enumerate(value, start=1)
        ]

    def _value(self, key: str, allowed: str, default: object) -> object:
        if key in self._raw:
            return self._raw[key]
        if default is None:
            self.fail(key, f"missing; must be {allowed}")
        return default

    def _fail_item(self, key: str, index: int, message: str) -> NoReturn:
        raise PresetError(self.source, f"{self.key_path(key)}[{index}]", message)

    def _unknown(self, key: str, allowed: Collection[str]) -> NoReturn:
        guess = difflib.get_close_matches(key, list(allowed), n=1)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        listed = ", ".join(sorted(allowed)) or "nothing"
        self.fail(key, f"unknown key{hint}; allowed here: {listed}")


def _one_of(item: str, options: Collection[str] | None) -> bool:
    return options is None or item in options


def _item_of(list_description: str) -> str:
    # "a list of any of 'a', 'b'" -> "any of 'a', 'b'": say what one element may be.
    if list_description == "an empty list":
        return "absent: nothing is defined that could be listed here"
    return list_description.removeprefix("a list of ")
