"""What the administrators read when a new round finds a mentee no mentor."""

from __future__ import annotations

from teams_app.domain.matching import MatchProfile
from teams_app.services.request_flow import _why_none_left


def mentor(key: str, capacity: int) -> MatchProfile:
    return MatchProfile(
        key=key, name=key, years_in_organisation=9, languages=frozenset({"en"}), capacity=capacity
    )


def test_the_engine_rule_comes_first_then_places_already_offered_then_no_place_at_all() -> None:
    free, full = mentor("ana", 1), mentor("ben", 0)
    rule = "no mentor shares a language with you"
    assert _why_none_left([free, full], rule) == (
        "Tandem's reason, as worded for the mentee: “no mentor shares a language with you”."
    )
    assert _why_none_left([free, full], None) == (
        "Every mentor with a free place was among those already suggested to them."
    )
    assert _why_none_left([full], None) == "No mentor in the cohort has a free place left."
    assert _why_none_left([], None) == "No mentor in the cohort has a free place left."
