"""The reflection and feedback survey in the personal tab: the bot's survey, open by the bot's
rule, answered once, private to its author, refused to anyone outside the pairing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from teams_app.domain.follow_ups import pair_ends_at
from teams_app.domain.pairing import Pairing
from tests.integration.session_world import AMINA, OMAR, PRIYA, SOFIA, SessionWorld, session_world
from tests.integration.tab_client import signed_in
from tests.integration.test_survey_bot import SURVEY, answers, find_buttons, survey_sent

SURVEY_ID = "iom_2026_end"
GOOD = {"overall": 5, "sessions_held": "All six", "takeaways": "Much clearer goals"}


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[SessionWorld]:
    async with session_world(tmp_path, with_graph=False) as opened:
        yield opened


async def at_the_end(world: SessionWorld) -> None:
    """Move the clock to the day the pair's programme ends."""
    pairing = await world.tandem.store.get_pairing(world.pairing_id)
    assert pairing is not None
    world.clock.current = pair_ends_at(world.tandem.programme, pairing) + timedelta(hours=9)


async def stored(world: SessionWorld, person: str) -> Any:
    """A person's stored answers, or None."""
    return await world.tandem.store.survey_response_of(SURVEY_ID, world.pairing_id, person)


async def test_the_survey_opens_for_both_when_the_pairs_programme_ends(
    world: SessionWorld,
) -> None:
    amina, priya = await signed_in(world, AMINA), await signed_in(world, PRIYA)

    status, early = await amina.call("GET", "/reflection")
    refused, _ = await amina.call("POST", "/reflection", {"answers": GOOD})
    await at_the_end(world)  # months later: a new sign-in
    amina, priya = await signed_in(world, AMINA), await signed_in(world, PRIYA)
    _, mine = await amina.call("GET", "/reflection")
    _, theirs = await priya.call("GET", "/reflection")

    assert status == 200 and early["open"] is False and early["answered"] is False
    assert refused == 403 and await stored(world, AMINA.aad_id) is None
    assert mine["open"] is True and theirs["open"] is True
    kinds = {q["id"]: q["kind"] for q in mine["questions"]}
    assert kinds["overall"] == "rating" and kinds["sessions_held"] == "choice"
    assert kinds["takeaways"] == "text"
    rating = next(q for q in mine["questions"] if q["id"] == "overall")
    assert rating["options"] == ["1", "2", "3", "4", "5"] and rating["required"] is True
    assert "goals_met" in kinds and "goals_met" not in {q["id"] for q in theirs["questions"]}


async def test_answers_are_stored_once_and_a_second_answer_gets_409(world: SessionWorld) -> None:
    await at_the_end(world)
    amina = await signed_in(world, AMINA)

    status, done = await amina.call("POST", "/reflection", {"answers": GOOD})
    again, refusal = await amina.call(
        "POST", "/reflection", {"answers": {"overall": 1, "sessions_held": "One or none"}}
    )

    assert status == 201 and done["answered"] is True and done["answered_at"]
    assert again == 409 and "already received" in refusal["error"]
    first = await stored(world, AMINA.aad_id)
    assert dict(first.answers) == {
        "overall": "5",
        "sessions_held": "All six",
        "takeaways": "Much clearer goals",
    }
    _, read = await amina.call("GET", "/reflection")
    assert read["answered"] is True and "answers" not in read


async def test_bad_answers_name_the_field_and_store_nothing(world: SessionWorld) -> None:
    await at_the_end(world)
    amina = await signed_in(world, AMINA)
    cases: list[tuple[Any, str]] = [
        ({"overall": 9, "sessions_held": "All six"}, "answers.overall"),
        ({"overall": "5"}, "answers.sessions_held"),
        ({"overall": 4, "sessions_held": "Seven"}, "answers.sessions_held"),
        ({**GOOD, "takeaways": "x" * 2001}, "answers.takeaways"),
        ({**GOOD, "feedback": True}, "answers.feedback"),
        ({**GOOD, "favourite_colour": "blue"}, "answers.favourite_colour"),
        (["5", "All six"], "answers"),
    ]

    for given, field in cases:
        status, body = await amina.call("POST", "/reflection", {"answers": given})
        assert (status, body["field"]) == (400, field), given
        assert field in body["error"]

    status, body = await amina.call("POST", "/reflection", {"answers": {}})
    assert status == 400 and set(body["problems"]) == {"answers.overall", "answers.sessions_held"}
    assert await stored(world, AMINA.aad_id) is None


async def test_only_a_person_of_the_pairing_reads_or_answers_its_survey(
    world: SessionWorld,
) -> None:
    await at_the_end(world)
    amina, omar, sofia = [await signed_in(world, m) for m in (AMINA, OMAR, SOFIA)]
    await amina.call("POST", "/reflection", {"answers": {**GOOD, "feedback": "Keep it"}})
    theirs = f"/reflection?pairing={world.pairing_id}"

    for caller in (omar, sofia):  # Sofia administers the programme
        read, _ = await caller.call("GET", "/reflection")
        read_theirs, body = await caller.call("GET", theirs)
        answered, _ = await caller.call(
            "POST", "/reflection", {"pairing": world.pairing_id, "answers": GOOD}
        )
        assert (read, read_theirs, answered) == (404, 404, 404)
        assert "Keep it" not in str(body)
    answer_sets = await world.tandem.store.survey_answer_sets(SURVEY_ID)
    assert len(answer_sets) == 1 and await stored(world, SOFIA.aad_id) is None


async def test_a_pairing_of_another_edition_has_no_survey_here(world: SessionWorld) -> None:
    store = world.tandem.store
    old = await store.ensure_cohort(world.tandem.programme.id, "2019")
    await store.create_pairing(Pairing(old.id, OMAR.aad_id, SOFIA.aad_id, world.clock.now()), 1, 1)
    await at_the_end(world)
    omar = await signed_in(world, OMAR)

    read, body = await omar.call("GET", "/reflection")
    answered, _ = await omar.call("POST", "/reflection", {"answers": GOOD})

    assert (read, answered) == (404, 404) and "no survey" in body["error"]


async def test_a_pairing_ended_before_its_end_never_opens(world: SessionWorld) -> None:
    pairing = await world.tandem.store.get_pairing(world.pairing_id)
    assert pairing is not None
    await world.tandem.store.end_pairing(world.pairing_id, pairing.version, world.clock.now(), "x")
    await at_the_end(world)
    amina = await signed_in(world, AMINA)

    _, read = await amina.call("GET", "/reflection")
    refused, _ = await amina.call("POST", "/reflection", {"answers": GOOD})

    assert read["open"] is False and refused == 403


async def test_once_sent_by_the_bot_it_stays_open_and_one_answer_counts_for_both(
    world: SessionWorld,
) -> None:
    await survey_sent(world)
    pairing = await world.tandem.store.get_pairing(world.pairing_id)
    assert pairing is not None
    await world.tandem.store.end_pairing(world.pairing_id, pairing.version, world.clock.now(), "x")
    amina = await signed_in(world, AMINA)

    status, done = await amina.call("POST", "/reflection", {"answers": GOOD})
    activity, card = world.last_card(AMINA, SURVEY)
    (send,) = find_buttons(card, "survey.submit")
    pressed = await world.press(AMINA, answers(send, overall="1", sessions_held="One"), activity)

    assert status == 201 and done["open"] is True
    assert "already received" in str(pressed.card)
    assert dict((await stored(world, AMINA.aad_id)).answers)["overall"] == "5"
