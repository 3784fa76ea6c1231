"""A matching's suggestions are built per mentee when read, and read like any mapping."""

from __future__ import annotations

import pytest

from teams_app.domain.matching.results import MatchedPair, Suggestions


def test_each_mentees_suggestions_are_built_once_when_first_read() -> None:
    built: list[int] = []

    def build(row: int) -> tuple[MatchedPair, ...]:
        built.append(row)
        return (MatchedPair(f"e{row}", "r1", 1.5, ("because",)),)

    suggestions = Suggestions(["e0", "e1", "e2"], build)
    assert built == [] and len(suggestions) == 3 and list(suggestions) == ["e0", "e1", "e2"]
    first = suggestions["e1"]
    assert suggestions["e1"] is first and built == [1]
    assert "e2" in suggestions and "nobody" not in suggestions and built == [1]
    assert suggestions.get("nobody", ()) == () and built == [1]
    with pytest.raises(KeyError):
        suggestions["nobody"]
    assert dict(suggestions) == {
        f"e{i}": (MatchedPair(f"e{i}", "r1", 1.5, ("because",)),) for i in range(3)
    }
    assert sorted(built) == [0, 1, 2]
    assert suggestions == {k: v for k, v in suggestions.items()}
