"""The retention period per preset, the retention job's key, and the `end cohort` cards."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cards.cohort_ending import VERB_END_CANCEL, VERB_END_CONFIRM, end_cohort_card
from teams_app.domain.programme import PresetError, parse_programme
from teams_app.domain.retention import erase_on, parse_retention_key, retention_key
from teams_app.presets import load_programme
from teams_app.services.cohort_views import EndCohortView, EndStage
from tests.card_schema import assert_valid_card
from tests.integration.session_world import find_buttons, text_of
from tests.unit.preset_editing import SHIPPED, delete_at, set_at, shipped_raw, source_of

ENDED_AT = datetime(2026, 12, 7, 18, 40, tzinfo=UTC)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_preset_keeps_personal_data_a_year_after_the_cohort_ends(name: str) -> None:
    assert load_programme(name).retention_days == 365


def test_a_preset_without_retention_days_gets_the_default() -> None:
    raw = delete_at(shipped_raw("together"), "programme.retention_days")
    assert parse_programme(raw, source_of("together")).retention_days == 365


@pytest.mark.parametrize("value", [0, 29, 3651, "a year", 1.5, True])
def test_a_bad_retention_period_is_refused_in_one_line_naming_the_key(value: object) -> None:
    raw = set_at(shipped_raw("iom"), "programme.retention_days", value)
    with pytest.raises(PresetError) as caught:
        parse_programme(raw, source_of("iom"))
    message = str(caught.value)
    assert "\n" not in message
    assert "programme.retention_days" in message and "30 to 3650" in message


@given(st.integers(min_value=1, max_value=10**9))
def test_a_retention_key_reads_back_its_cohort(cohort_id: int) -> None:
    assert parse_retention_key(retention_key(cohort_id)) == cohort_id


@pytest.mark.parametrize("key", ["retention:cohort:", "retention:pairing:3", "follow-up:cohort:3"])
def test_other_keys_are_not_retention_keys(key: str) -> None:
    assert parse_retention_key(key) is None


def test_personal_data_goes_the_retention_period_after_the_end() -> None:
    assert erase_on(ENDED_AT, 365) == datetime(2027, 12, 7, 18, 40, tzinfo=UTC)


def view(stage: EndStage, **changes: object) -> EndCohortView:
    base = EndCohortView("IOM Mentoring Programme", 4, "2026", stage, 2, erase_on(ENDED_AT, 365))
    return EndCohortView(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_the_confirmation_says_what_will_happen_and_cannot_be_undone() -> None:
    card = end_cohort_card(view(EndStage.ASKING))
    assert_valid_card(card)
    shown = text_of(card)
    assert "2 active pairs" in shown and "survey" in shown
    assert "7 December 2027" in shown and "cannot be undone" in shown
    confirm, cancel = find_buttons(card, VERB_END_CONFIRM), find_buttons(card, VERB_END_CANCEL)
    assert confirm[0]["data"]["cohort"] == 4 and cancel[0]["data"]["cohort"] == 4


@pytest.mark.parametrize("stage", [EndStage.ENDED, EndStage.ALREADY, EndStage.CANCELLED])
def test_the_outcome_says_who_and_when_and_offers_no_button(stage: EndStage) -> None:
    card = end_cohort_card(view(stage, by_name="Sofia Alvarez", at=ENDED_AT))
    assert_valid_card(card)
    shown = text_of(card)
    assert "Sofia Alvarez" in shown and "7 December 2026, 18:40 UTC" in shown
    assert stage is EndStage.CANCELLED or "both people of 2 pairs" in shown
    assert not find_buttons(card, VERB_END_CONFIRM)
    assert ("nobody is sent anything twice" in shown) is (stage is EndStage.ALREADY)


def test_an_erased_cohort_says_when_its_data_was_deleted() -> None:
    card = end_cohort_card(view(EndStage.ALREADY, at=ENDED_AT, deleted_at=erase_on(ENDED_AT, 365)))
    assert "deleted on 7 December 2027" in text_of(card)
