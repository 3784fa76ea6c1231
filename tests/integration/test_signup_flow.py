"""Sign-up through the bot endpoint: step cards, resume, review, submit, registration."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from teams_app.clock import ShiftedClock
from teams_app.domain.applications import ApplicationStatus
from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import questionnaire_for
from tests.card_schema import assert_valid_card
from tests.doubles.bot_connector import BotConnectorDouble
from tests.integration import activities as act
from tests.integration.conftest import Running, start_tandem
from tests.integration.signup_answers import step_inputs

IN_MENTEE_WINDOW = date(2026, 9, 16)  # Together 2026: mentees register 15-22/30 September


@pytest.fixture
async def open_window(tmp_path: Path) -> AsyncIterator[Running]:
    async with BotConnectorDouble() as connector:
        env = {"TANDEM_DEV_MODE": "true"}
        tandem, client = await start_tandem(env, tmp_path, ShiftedClock(IN_MENTEE_WINDOW))
        try:
            yield Running(tandem, client, connector)
        finally:
            await client.close()


async def press(running: Running, verb: str, *parts: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"verb": verb}
    for part in parts:
        data |= part
    activity = act.card_action(running.connector.url, verb, data)
    response = await running.client.post("/api/messages", json=activity)
    assert response.status == 200
    body = await response.json()
    assert body["statusCode"] == 200, body
    card: dict[str, Any] = body["value"]
    assert_valid_card(card)
    return card


def action_data(card: dict[str, Any], verb: str) -> dict[str, Any]:
    """The data of the card's button with this verb (top-level or inside the body)."""
    found = [a for a in _actions(card) if a.get("verb") == verb]
    assert found, f"no {verb} button on {json.dumps(card)[:300]}"
    data: dict[str, Any] = found[0]["data"]
    return data


def _actions(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        own = [node] if node.get("type") == "Action.Execute" else []
        return own + [a for value in node.values() for a in _actions(value)]
    if isinstance(node, list):
        return [a for item in node for a in _actions(item)]
    return []


def text_of(card: dict[str, Any]) -> str:
    return json.dumps(card, ensure_ascii=False)


async def test_a_mentee_completes_the_questionnaire_reviews_and_submits(
    open_window: Running,
) -> None:
    running = open_window
    questionnaire = questionnaire_for(running.tandem.programme)
    steps = questionnaire.steps_for(Role.MENTEE)
    card = await press(running, "signup.mentee")
    for index, step in enumerate(steps, start=1):
        assert f"Step {index} of {len(steps)}" in text_of(card)
        data = action_data(card, "signup.next")
        card = await press(
            running, "signup.next", data, step_inputs(questionnaire, step, Role.MENTEE)
        )
    assert "Review your answers" in text_of(card)
    card = await press(running, "signup.submit", action_data(card, "signup.submit"))
    assert "your application is in" in text_of(card).lower()
    cohort = await running.tandem.store.ensure_cohort("together", running.tandem.programme.edition)
    stored = await running.tandem.store.get_application(cohort.id, "aad-amina", "mentee")
    assert stored is not None and stored.status is ApplicationStatus.SUBMITTED
    audit = await running.tandem.store.list_audit()
    assert audit[0].action == "application.submitted"
    assert "I want to grow" not in json.dumps([a.detail for a in audit])


async def test_leaving_half_way_resumes_at_the_step_reached(open_window: Running) -> None:
    running = open_window
    questionnaire = questionnaire_for(running.tandem.programme)
    steps = questionnaire.steps_for(Role.MENTEE)
    card = await press(running, "signup.mentee")
    card = await press(
        running,
        "signup.next",
        action_data(card, "signup.next"),
        step_inputs(questionnaire, steps[0], Role.MENTEE),
    )
    assert "Step 2 of" in text_of(card)
    resumed = await press(running, "signup.mentee")
    assert "Step 2 of" in text_of(resumed)
    assert "Welcome back" in text_of(resumed)
    back = await press(running, "signup.back", action_data(resumed, "signup.back"))
    assert "Step 1 of" in text_of(back)
    typed_value = step_inputs(questionnaire, steps[0], Role.MENTEE)
    assert any(v in text_of(back) for v in typed_value.values())


async def test_a_missing_required_answer_comes_back_on_the_same_card_with_the_values_kept(
    open_window: Running,
) -> None:
    running = open_window
    questionnaire = questionnaire_for(running.tandem.programme)
    step = questionnaire.steps_for(Role.MENTEE)[0]
    card = await press(running, "signup.mentee")
    inputs = step_inputs(questionnaire, step, Role.MENTEE)
    required = [k for k in inputs if questionnaire.question(k[2:]).required]
    dropped = required[0]
    del inputs[dropped]
    again = await press(running, "signup.next", action_data(card, "signup.next"), inputs)
    assert "Step 1 of" in text_of(again)
    assert '"color": "Attention"' in text_of(again)
    kept = next(v for k, v in inputs.items() if k != dropped)
    assert kept in text_of(again)


async def test_a_double_clicked_next_saves_once_and_shows_where_the_person_is(
    open_window: Running,
) -> None:
    running = open_window
    questionnaire = questionnaire_for(running.tandem.programme)
    step = questionnaire.steps_for(Role.MENTEE)[0]
    card = await press(running, "signup.mentee")
    data = {**action_data(card, "signup.next"), **step_inputs(questionnaire, step, Role.MENTEE)}
    first = await press(running, "signup.next", data)
    second = await press(running, "signup.next", data)
    assert "Step 2 of" in text_of(first) and "Step 2 of" in text_of(second)
    assert "out of date" in text_of(second)


async def test_outside_the_window_the_person_is_told_when_it_opens(tmp_path: Path) -> None:
    async with BotConnectorDouble() as connector:
        tandem, client = await start_tandem(
            {"TANDEM_DEV_MODE": "true"}, tmp_path, ShiftedClock(date(2026, 8, 20))
        )
        try:
            running = Running(tandem, client, connector)
            card = await press(running, "signup.mentee")
            assert "15 September 2026" in text_of(card)
        finally:
            await client.close()


async def test_my_registration_shows_ones_own_answers(open_window: Running) -> None:
    running = open_window
    await press(running, "signup.mentee")
    response = await running.client.post(
        "/api/messages", json=act.message(running.connector.url, "my registration")
    )
    assert response.status in (200, 201)
    (card,) = running.connector.cards()
    assert_valid_card(card)
    assert "My registration" in text_of(card)


async def test_sign_up_in_a_channel_points_to_the_personal_chat(open_window: Running) -> None:
    activity = act.card_action(open_window.connector.url, "signup.mentee", channel=True)
    response = await open_window.client.post("/api/messages", json=activity)
    body = await response.json()
    assert "personal chat" in text_of(body["value"])


def test_the_confirmation_names_the_closing_day_of_the_persons_own_window() -> None:
    from teams_app.presets import load_programme
    from teams_app.services.signup_answers import next_steps

    together = load_programme("together")
    secretariat = next_steps(together, Role.MENTEE, "OCHA")
    agencies = next_steps(together, Role.MENTEE, "UNICEF")
    assert "30 September 2026" in secretariat[0]
    assert "22 September 2026" in agencies[0]
