"""Whatever an administrator does to a valid preset, parsing succeeds or says why in one line."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teams_app.domain.programme import PresetError, Programme, parse_programme
from tests.unit.preset_editing import SHIPPED, shipped_raw, source_of

Path = tuple[str | int, ...]

# Everything `tomllib` can produce, plus None, which only a programmatic caller could pass.
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.dates()
    | st.datetimes()
    | st.times()
    | st.sampled_from(["choice", "admin", "search", "mentor", "mentee", "secretariat", "x@y.org"])
)
toml_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
# Key names that exist somewhere, so insertions also try keys that are valid elsewhere.
known_keys = st.sampled_from(
    ["id", "role", "opens", "closes", "final", "planned", "weights", "entities", "default"]
)


def paths(node: object, prefix: Path = ()) -> list[Path]:
    """Every key and list item below `node`, tables and lists included."""
    found: list[Path] = []
    children: list[tuple[str | int, object]] = []
    if isinstance(node, dict):
        children = list(node.items())
    elif isinstance(node, list):
        children = list(enumerate(node))
    for step, child in children:
        found.append((*prefix, step))
        found.extend(paths(child, (*prefix, step)))
    return found


def parent_of(raw: dict[str, Any], path: Path) -> Any:
    """The table or list holding the item at `path`."""
    node: Any = raw
    for step in path[:-1]:
        node = node[step]
    return node


@st.composite
def mutated_presets(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A shipped preset with one to three random replacements, deletions or insertions."""
    name = draw(st.sampled_from(SHIPPED))
    raw = shipped_raw(name)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        candidates = paths(raw)
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent = parent_of(raw, path)
        action = draw(st.sampled_from(["replace", "delete", "insert"]))
        if action == "replace":
            parent[path[-1]] = draw(toml_values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(known_keys | st.text(max_size=8))] = draw(toml_values)
        else:
            parent.insert(path[-1], draw(toml_values))
    return name, raw


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_presets())
def test_any_edit_of_a_valid_preset_parses_or_raises_one_line_preset_error(
    case: tuple[str, dict[str, Any]],
) -> None:
    name, raw = case
    try:
        programme = parse_programme(raw, source_of(name))
    except PresetError as error:
        message = str(error)
        assert "\n" not in message
        assert message.startswith(f"{source_of(name)}: ")
        assert error.key and error.message
    else:
        assert_consistent(programme)


def assert_consistent(programme: Programme) -> None:
    """The invariants every parsed programme keeps, however its preset was written."""
    for window in programme.registration.windows:
        assert window.opens <= window.closes
        assert programme.starts_on is None or window.closes < programme.starts_on
    matching = programme.matching
    assert 1 <= matching.choices <= matching.suggestions
    assert matching.weights.total() > 0
    assert all(weight >= 0 for weight in matching.weights.as_dict().values())
    assert programme.reminders.admin_alert_days > programme.reminders.mentee_nudge_days
    assert {window.role for window in programme.registration.windows} == {"mentor", "mentee"}


NUMBERS = [
    ("programme", "duration_months", 1, 24),
    ("sessions", "length_minutes", 15, 240),
    ("matching", "seniority_gap_years", 0, 40),
    ("matching", "max_mentor_capacity", 1, 20),
    ("reminders", "session_reminder_hours", 1, 168),
]


@pytest.mark.parametrize(("table", "key", "low", "high"), NUMBERS)
@given(value=st.integers(min_value=-1000, max_value=1000))
def test_a_whole_number_key_accepts_exactly_its_range(
    table: str, key: str, low: int, high: int, value: int
) -> None:
    raw = shipped_raw("together")
    raw[table][key] = value
    try:
        programme = parse_programme(raw, source_of("together"))
    except PresetError as error:
        assert not low <= value <= high
        assert error.key == f"{table}.{key}"
        assert f"from {low} to {high}" in str(error)
    else:
        assert low <= value <= high
        assert programme.source == source_of("together")


@given(opens=st.dates(max_value=date(2026, 10, 14)), closes=st.dates())
def test_a_window_parses_exactly_when_it_closes_on_or_after_opening_and_before_the_start(
    opens: date, closes: date
) -> None:
    raw = shipped_raw("together")
    raw["registration"]["windows"][0].update(opens=opens, closes=closes)
    valid = opens <= closes < date(2026, 10, 15)
    try:
        parse_programme(raw, source_of("together"))
    except PresetError as error:
        assert not valid
        assert error.key == "registration.windows[1].closes"
    else:
        assert valid
