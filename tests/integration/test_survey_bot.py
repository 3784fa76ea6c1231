"""The end-of-programme survey through the real Tandem: sent to each of an active pair on
the programme's end date, answered once with Action.Execute, private to its author."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from teams_app.domain.follow_ups import pair_ends_at
from teams_app.services.follow_up_planner import FollowUpPlanner
from teams_app.services.surveys import Surveys, SurveySummaryView
from teams_app.surveys import load_survey
from tests.card_schema import assert_valid_card
from tests.integration.cli import run_tandem
from tests.integration.session_world import (
    AMINA,
    OMAR,
    PRIYA,
    SOFIA,
    SessionWorld,
    find_buttons,
    session_world,
    text_of,
)

SURVEY = "Your mentoring programme: reflection and feedback"  # IOM's survey title


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[SessionWorld]:
    async with session_world(tmp_path, with_graph=False) as opened:
        yield opened


async def survey_sent(world: SessionWorld) -> None:
    """Arm the pair's follow-ups and run the jobs past the programme's end."""
    tandem = world.tandem
    pairing = await tandem.store.get_pairing(world.pairing_id)
    assert pairing is not None and tandem.jobs is not None
    await FollowUpPlanner(tandem.store, world.clock, tandem.programme).schedule(pairing)
    ends = pair_ends_at(tandem.programme, pairing)
    world.clock.current = ends - timedelta(days=1)
    await tandem.jobs.run_until_idle()
    assert world.messages(AMINA) and not any(SURVEY in text_of(m) for m in world.messages(AMINA))
    while world.clock.now() < ends + timedelta(days=3):
        world.clock.advance(hours=2)
        await tandem.jobs.run_until_idle()


def answers(button: dict[str, Any], **given: str) -> dict[str, Any]:
    """The button as pressed with these inputs filled (Action.Execute sends them in data)."""
    return {**button, "data": {**button["data"], **{f"q_{k}": v for k, v in given.items()}}}


async def test_each_of_an_active_pair_gets_the_survey_once_on_the_end_date(
    world: SessionWorld,
) -> None:
    await survey_sent(world)

    for member in (AMINA, PRIYA):
        _, card = world.last_card(member, SURVEY)
        assert_valid_card(card)
        assert sum(SURVEY in text_of(m) for m in world.messages(member)) == 1
    _, to_mentor = world.last_card(PRIYA, SURVEY)
    assert "q_goals_met" not in text_of(to_mentor)  # a mentee-only question


async def test_answers_are_checked_stored_once_and_a_resubmission_changes_nothing(
    world: SessionWorld,
) -> None:
    await survey_sent(world)
    activity, card = world.last_card(AMINA, SURVEY)
    (send,) = find_buttons(card, "survey.submit")

    missing = await world.press(AMINA, answers(send, overall="9"), activity)
    assert_valid_card(missing.card)
    assert "Please choose one of the options." in text_of(missing.card)
    assert "Please answer this question." in text_of(missing.card)
    store = world.tandem.store
    assert await store.survey_response_of("iom_2026_end", world.pairing_id, AMINA.aad_id) is None

    filled = answers(send, overall="5", sessions_held="All six", takeaways="Much clearer goals")
    done = await world.press(AMINA, filled, activity)
    again = await world.press(AMINA, answers(send, overall="1", sessions_held="One or none"))

    assert "your answers are saved" in text_of(done.card)
    assert "already received" in text_of(again.card)
    stored = await store.survey_response_of("iom_2026_end", world.pairing_id, AMINA.aad_id)
    assert stored is not None
    assert dict(stored.answers) == {
        "overall": "5",
        "sessions_held": "All six",
        "takeaways": "Much clearer goals",
    }
    assert await store.survey_answer_sets("iom_2026_end") == [dict(stored.answers)]


async def test_someone_outside_the_pair_cannot_answer_for_it(world: SessionWorld) -> None:
    await survey_sent(world)
    _, card = world.last_card(AMINA, SURVEY)
    (send,) = find_buttons(card, "survey.submit")

    pressed = await world.press(OMAR, answers(send, overall="1", sessions_held="One or none"))

    assert "not one of yours" in text_of(pressed.card)
    assert await world.tandem.store.survey_answer_sets("iom_2026_end") == []


async def test_administrators_see_only_the_aggregate(world: SessionWorld) -> None:
    await survey_sent(world)
    _, card = world.last_card(AMINA, SURVEY)
    (send,) = find_buttons(card, "survey.submit")
    await world.press(AMINA, answers(send, overall="4", sessions_held="All six", feedback="Hi"))
    _, card = world.last_card(PRIYA, SURVEY)
    (send,) = find_buttons(card, "survey.submit")
    await world.press(PRIYA, answers(send, overall="2", sessions_held="All six"))
    tandem = world.tandem
    survey = load_survey(tandem.programme)
    assert survey is not None
    surveys = Surveys(tandem.store, tandem.programme, survey, (SOFIA.aad_id,))

    refused = await surveys.summary(PRIYA.aad_id)
    summary = await surveys.summary(SOFIA.aad_id)

    assert not isinstance(refused, SurveySummaryView)
    assert isinstance(summary, SurveySummaryView) and summary.responses == 2
    by_id = {s.question.id: s for s in summary.questions}
    assert by_id["overall"].average == 3.0
    assert dict(by_id["sessions_held"].counts)["All six"] == 2
    assert by_id["feedback"].answered == 1 and by_id["feedback"].counts == ()


def test_survey_results_print_the_aggregate_to_an_administrator_only(tmp_path: Path) -> None:
    env = {
        "TANDEM_DEV_MODE": "true",
        "TANDEM_DATA_DIR": str(tmp_path),
        "TANDEM_ADMINS": "aad-sofia",
        "TANDEM_PROGRAMME": "iom",
    }
    shown = run_tandem("survey-results", "--as", "aad-sofia", env=env)
    refused = run_tandem("survey-results", "--as", "aad-priya", env=env)

    assert shown.returncode == 0, shown.stderr
    assert "survey iom_2026_end, 0 responses" in shown.stdout
    assert refused.returncode == 2 and "only to the programme's administrators" in refused.stderr
    assert refused.stdout == ""
