"""Sign-up under hostile input and what it leaves in logs."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.logs import JsonFormatter, quiet_noisy_libraries
from teams_app.web.activity_checks import MAX_BODY_BYTES
from tests.card_schema import assert_valid_card
from tests.integration import activities as act
from tests.integration.conftest import Running
from tests.integration.signup_answers import step_inputs
from tests.integration.test_signup_flow import action_data, open_window, press

__all__ = ["open_window"]  # the fixture, imported for pytest

SECRET_OBJECTIVE = "Zephyrine-objective: negotiate my move to the Kabul field office quietly."

VERBS = ["signup.next", "signup.back", "signup.edit", "signup.submit", "registration.withdraw"]
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=50),
    st.just("x" * 100_000),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)
keys = st.one_of(
    st.sampled_from(["role", "step", "version", "q.languages", "q.grade", "q.entry_date"]),
    st.sampled_from(["q.personal_objective", "q.goals", "aadObjectId", "from", "q."]),
    st.text(max_size=12),
)


async def _application(running: Running) -> Any:
    store = running.tandem.store
    cohort = await store.ensure_cohort("together", running.tandem.programme.edition)
    return await store.get_application(cohort.id, act.USER["aadObjectId"], "mentee")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(verb=st.sampled_from(VERBS), data=st.dictionaries(keys, values, max_size=8))
async def test_arbitrary_card_submissions_never_fail_and_change_nothing_when_rejected(
    open_window: Running, verb: str, data: dict[str, Any]
) -> None:
    running = open_window
    if await _application(running) is None:
        await press(running, "signup.mentee")
    before = await _application(running)
    if verb == "registration.withdraw" and data.get("version") in (
        before.version,
        str(before.version),
    ):
        data["version"] = -1  # a correct withdraw is not a rejected submission
    activity = act.card_action(running.connector.url, verb, {**data, "verb": verb})
    response = await running.client.post("/api/messages", json=activity)
    if len(json.dumps(activity)) > MAX_BODY_BYTES:
        # Teams never sends this much; the endpoint refuses it before any turn runs.
        assert response.status == 400
        assert await _application(running) == before
        return
    assert response.status == 200
    body = await response.json()
    assert body["statusCode"] in (200, 400)
    if body["statusCode"] == 200:
        assert_valid_card(body["value"])
    after = await _application(running)
    assert after == before or (after.version == before.version + 1 and verb == "signup.next")


async def test_no_answer_reaches_the_logs(
    open_window: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    quiet_noisy_libraries()  # as configure_logging does at start-up, whatever the level
    running = open_window
    questionnaire = questionnaire_for(running.tandem.programme)
    card = await press(running, "signup.mentee")
    for step in questionnaire.steps_for(Role.MENTEE):
        inputs = step_inputs(questionnaire, step, Role.MENTEE)
        if "q.personal_objective" in inputs:
            inputs["q.personal_objective"] = SECRET_OBJECTIVE
        card = await press(running, "signup.next", action_data(card, "signup.next"), inputs)
    card = await press(running, "signup.submit", action_data(card, "signup.submit"))
    assert "application is in" in json.dumps(card)
    formatter = JsonFormatter()
    lines = "\n".join(formatter.format(record) for record in caplog.records)
    assert "application.submitted" in lines
    assert "Zephyrine" not in lines
    assert "Kabul" not in lines
    assert act.USER["name"] not in lines
