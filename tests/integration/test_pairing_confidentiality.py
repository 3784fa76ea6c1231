"""A full sign-up of two people in Teams, then pairing: nothing private crosses between them.

Both sign up through /api/messages (IOM: every answer is for administrators, diversity
answers are confidential), the administrators publish, and every activity the Bot Connector
double recorded in each person's chat is scanned for the other person's answers.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from teams_app.clock import ShiftedClock
from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import questionnaire_for
from tests.doubles.bot_connector import BotConnectorDouble, teams_member
from tests.integration import activities as act
from tests.integration.conftest import Running, start_tandem
from tests.integration.signup_answers import step_inputs

IOM_WINDOW = date(2025, 12, 5)  # iom.toml: both roles register 1-19 December 2025
MENTEE = {"id": "29:lea", "name": "Lea Novak", "aadObjectId": "aad-lea"}
MENTOR = {"id": "29:omar", "name": "Omar Haddad", "aadObjectId": "aad-omar"}
CHATS = {"aad-lea": "a:personal-lea", "aad-omar": "a:personal-omar"}
SECRETS = {
    "aad-lea": {
        "q.unit": "Mentee Secret Unit 7781",
        "q.duty_station": "Mentee Secret Station 4410",
        "q.entry_date": "2022-02-01",
        "q.personal_objective": "Mentee secret objective 5521: learn to lead a field office.",
        "q.other_languages": "Mentee Secret Tongue 3307",
        "q.diversity_consent": "true",
    },
    "aad-omar": {
        "q.unit": "Mentor Secret Unit 3319",
        "q.duty_station": "Mentor Secret Station 9054",
        "q.entry_date": "2004-05-03",
        "q.experience_to_share": "Mentor secret experience 8842 in three emergencies.",
        "q.other_languages": "Mentor Secret Tongue 6618",
        "q.diversity_consent": "true",
    },
}

# Every card a person got back from their own button presses (invoke responses do not go
# through the Connector), by person: scanned with the Connector's record of their chat.
RESPONSES: dict[str, list[dict[str, Any]]] = {}


@pytest.fixture
async def iom(tmp_path: Path) -> AsyncIterator[Running]:
    members = {
        chat: [
            teams_member(
                u["id"],
                u["name"],
                aad_object_id=u["aadObjectId"],
                email=f"{u['name'].split()[0].lower()}@iom.int",
            )
        ]
        for u, chat in ((MENTEE, CHATS["aad-lea"]), (MENTOR, CHATS["aad-omar"]))
    }
    RESPONSES.clear()
    async with BotConnectorDouble(members=members) as connector:
        env = {"TANDEM_DEV_MODE": "true", "TANDEM_PROGRAMME": "iom"}
        tandem, client = await start_tandem(env, tmp_path, ShiftedClock(IOM_WINDOW))
        try:
            yield Running(tandem, client, connector)
        finally:
            await client.close()


async def press_as(
    running: Running, user: dict[str, str], verb: str, data: dict[str, Any]
) -> dict[str, Any]:
    activity = act.card_action(running.connector.url, verb, {"verb": verb, **data})
    activity["from"] = user
    activity["conversation"]["id"] = CHATS[user["aadObjectId"]]
    response = await running.client.post("/api/messages", json=activity)
    body: dict[str, Any] = await response.json()
    assert body["statusCode"] == 200, body
    card: dict[str, Any] = body["value"]
    RESPONSES.setdefault(user["aadObjectId"], []).append(card)
    return card


def button_data(card: dict[str, Any], verb: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("verb") == verb and node.get("type") == "Action.Execute":
                found.append(node["data"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    assert found, f"no {verb} on {json.dumps(card)[:300]}"
    return found[0]


async def sign_up(running: Running, user: dict[str, str], role: Role) -> None:
    questionnaire = questionnaire_for(running.tandem.programme)
    card = await press_as(running, user, f"signup.{role.value}", {})
    for step in questionnaire.steps_for(role):
        inputs = step_inputs(questionnaire, step, role)
        own = SECRETS[user["aadObjectId"]]
        inputs |= {key: value for key, value in own.items() if key in inputs}
        card = await press_as(
            running, user, "signup.next", button_data(card, "signup.next") | inputs
        )
    assert "Review your answers" in json.dumps(card)
    card = await press_as(running, user, "signup.submit", button_data(card, "signup.submit"))
    assert "your application is in" in json.dumps(card).lower()


async def test_after_sign_up_and_pairing_no_answer_of_one_person_reaches_the_other(
    iom: Running,
) -> None:
    await sign_up(iom, MENTEE, Role.MENTEE)
    await sign_up(iom, MENTOR, Role.MENTOR)
    cohort = await iom.tandem.store.ensure_cohort("iom", iom.tandem.programme.edition)
    report = await iom.tandem.matching.publish(cohort)
    assert report.pairs_created == 1

    for person, partner in (("aad-lea", "aad-omar"), ("aad-omar", "aad-lea")):
        everything = [*iom.connector.activities(CHATS[person]), *RESPONSES[person]]
        received = json.dumps(everything, ensure_ascii=False)
        assert "Meet your" in received  # the pairing card did arrive
        for secret in SECRETS[partner].values():
            if secret not in ("true",) and not secret[:4].isdigit():
                assert secret not in received, (person, secret)
        for own in SECRETS[person].values():  # own answers were shown back to the person
            if "Secret Unit" in own:
                assert own in received
