"""Signing up as a mentee in the Agents Playground: the questionnaire from the welcome card to
`my registration`, validation, and a closed registration window.

The Together preset opens mentee registration on 15 September 2026, so the tests that fill the
questionnaire run Tandem with `--today 2026-09-16`. Amina Diallo, the Playground's user, is a
demo person with HR data (OCHA, Dakar, P-2, ...): her first two steps come prefilled.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

import pytest
from playwright.async_api import ViewportSize

from tests.e2e.conftest import VENV_PYTHON
from tests.e2e.playground import PROJECT_ROOT, PlaygroundPage, send_card_as_bot

pytestmark = pytest.mark.e2e

MENTEE_WINDOW_OPEN = "2026-09-16"  # Together: mentee registration 15-30 September 2026
in_the_mentee_window = pytest.mark.parametrize("tandem_today", [MENTEE_WINDOW_OPEN], indirect=True)

WELCOME = "Welcome to"
SIGN_UP = "Sign up as mentee"
REVIEW = "Review your answers"
THANKS = "Thank you — your application is in"
FROM_HR = "From your HR record"
# The review (~1,300 px) and my registration (~1,500 px, below the confirmation) fit whole.
TALL: ViewportSize = {"width": 1400, "height": 2300}

# Amina Diallo's HR record (teams_app/demo.py), as the first two steps must show it.
AMINA_ABOUT = {
    "q.entity": "OCHA",
    "q.unit": "Regional Office for West and Central Africa",
    "q.duty_station": "Dakar",
    "q.time_zone": "Africa/Dakar",
}
AMINA_JOB = {
    "q.job_network": "political_peace_humanitarian",
    "q.grade": "P-2",
    "q.entry_date": "2022-03-01",
}
OBJECTIVE = "Lead a small field team well and prepare for a P-3 post in another duty station."
ANSWERS: dict[str, dict[str, str | list[str]]] = {
    "languages": {"q.languages": ["en", "fr"], "q.other_languages": "Wolof"},
    "mentee_goals": {
        "q.goals": ["leadership", "network"],
        "q.personal_objective": OBJECTIVE,
        "q.skills_to_develop": ["leadership", "negotiation"],
    },
    "preferences": {
        "q.topics": ["mobility", "field_and_headquarters"],
        "q.activities": ["shadowing"],
        "q.contact_modes": ["video_call", "chat_email"],
    },
}


@pytest.fixture(scope="module")
def questionnaire() -> dict[str, Any]:
    """The Together questionnaire as `python -m teams_app questionnaire --json` prints it."""
    python = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
    command = [python, "-m", "teams_app", "questionnaire", "--programme", "together", "--json"]
    printed = subprocess.run(
        command, cwd=PROJECT_ROOT, check=True, capture_output=True, text=True, timeout=60
    ).stdout
    definition: dict[str, Any] = json.loads(printed)
    return definition


@in_the_mentee_window
async def test_a_new_mentee_completes_the_questionnaire_and_resumes_after_leaving(
    teams: PlaygroundPage, questionnaire: dict[str, Any]
) -> None:
    await teams.page.set_viewport_size(TALL)
    await teams.open_personal_chat()
    await teams.wait_for_card(WELCOME)
    await shot(teams, 1, "welcome")

    await teams.click_card_button(SIGN_UP, card_text=WELCOME)
    step = await teams.wait_for_card("Step 1 of")
    assert SIGN_UP in await step.inner_text()
    assert FROM_HR in await step.inner_text()
    await shot(teams, 2, "step1-prefilled-from-hr")
    await next_step(teams, questionnaire, 1, prefilled=AMINA_ABOUT)
    await shot(teams, 3, "step2-prefilled-from-hr")
    await next_step(teams, questionnaire, 2, prefilled=AMINA_JOB)
    await shot(teams, 4, "step3-before-leaving")

    # Leave after step 2 and come back: the chat starts empty, no second welcome.
    await teams.reload()
    await teams.send_message("sign up as mentee")
    resumed = await teams.wait_for_card("Step 3 of")
    assert await teams.card(WELCOME).count() == 0, "the welcome must not be sent twice"
    assert "Languages" in await resumed.inner_text()
    await shot(teams, 5, "resumed-at-step3")

    for number, name in [(3, "languages"), (4, "goals"), (5, "preferences")]:
        await next_step(teams, questionnaire, number, shot_as=(number + 3, f"step{number}-{name}"))

    review = await teams.wait_for_card(REVIEW)
    text = await review.inner_text()
    assert OBJECTIVE in text, "the objective typed at step 4 must be read back"
    assert "Wolof" in text and "Dakar" in text and "1 March 2022" in text
    assert await review.locator('button[title^="Edit “"]').count() == 5
    await shot(teams, 9, "review")

    await teams.click_card_button("Submit application", card_text=REVIEW)
    await teams.wait_for_card(THANKS)
    await shot(teams, 10, "confirmation")

    await teams.send_message("my registration")
    # The confirmation has a "My registration" button: the answer is the second such card.
    registration = await teams.wait_for_card("My registration", count=2)
    assert "Submitted" in await registration.inner_text()
    assert OBJECTIVE in await registration.inner_text()
    await shot(teams, 11, "my-registration")


@in_the_mentee_window
async def test_a_validation_error_shows_next_to_the_field_and_keeps_the_other_values(
    teams: PlaygroundPage, questionnaire: dict[str, Any]
) -> None:
    await teams.page.set_viewport_size(TALL)
    await teams.open_personal_chat()
    await teams.click_card_button(SIGN_UP, card_text=WELCOME)
    await teams.wait_for_card("Step 1 of")

    # A required text left empty: the renderer itself refuses to send the card.
    form = await teams.fill_card({"q.entity": "", "q.duty_station": "Dakar, Senegal"})
    sent_before = len(teams.feed.actions)
    await teams.click_card_button("Next")
    await teams.wait_for_text("Enter your entity.")
    await shot(teams, 12, "client-blocks-empty-required-text")
    assert len(teams.feed.actions) == sent_before, "an empty required input must not be sent"
    assert "Enter your entity." in await form.notes("q.entity")
    values = await form.values()
    assert values["q.duty_station"] == "Dakar, Senegal"
    assert values["q.unit"] == AMINA_ABOUT["q.unit"]

    # What only the server checks: an objective under 20 characters comes back on step 4,
    # the message under the field, every other answer of the step kept.
    await teams.fill_card({"q.entity": "OCHA"})
    await next_step(teams, questionnaire, 1)
    await next_step(teams, questionnaire, 2)
    await next_step(teams, questionnaire, 3)
    too_short = {**ANSWERS["mentee_goals"], "q.personal_objective": "A mentor, please"}
    await teams.fill_card(too_short)
    await teams.click_card_button("Next")
    await teams.wait_for_text("Write at least 20 characters")
    step = await teams.wait_for_card("Step 4 of")
    await shot(teams, 13, "server-rejects-short-objective")
    form = await teams.card_form(step)
    notes = await form.notes("q.personal_objective")
    assert any(note.startswith("Write at least 20 characters") for note in notes), notes
    assert await form.values() == {  # several choices come back comma-separated, in card order
        "q.goals": "leadership,network",
        "q.personal_objective": "A mentor, please",
        "q.skills_to_develop": "leadership,negotiation",
    }

    await form.fill({"q.personal_objective": OBJECTIVE})
    await teams.click_card_button("Next")
    await teams.wait_for_card("Step 5 of")


async def test_outside_the_registration_window_sign_up_says_it_is_closed_and_whom_to_ask(
    teams: PlaygroundPage,
) -> None:
    await teams.open_personal_chat()
    await teams.click_card_button(SIGN_UP, card_text=WELCOME)

    refusal = await teams.wait_for_card("You can't apply as a mentee right now")
    await shot(teams, 14, "registration-closed")
    text = await refusal.inner_text()
    assert re.search(r"closed on \d+ \w+ 2026|opens on", text), text
    assert "mentoring@un.org" in text
    assert await refusal.get_by_role("textbox").count() == 0, "no questionnaire when closed"


async def test_the_card_filler_sets_and_reads_every_input_kind_a_questionnaire_can_use(
    teams: PlaygroundPage,
) -> None:
    # Together asks no number, toggle or radio question (IOM and JPOSC do): a probe card with
    # the inputs cards/signup_inputs.py builds, sent as the bot, covers them all.
    await teams.page.set_viewport_size(TALL)
    await teams.open_personal_chat()
    await teams.wait_for_card(WELCOME)
    send_card_as_bot(teams.url, PROBE_CARD)
    await teams.wait_for_card("Every kind of input")
    assert set((await teams.card_values()).values()) <= {"", "false"}

    form = await teams.fill_card(PROBE_ANSWERS)
    await shot(teams, 15, "probe-every-input-kind")
    assert await form.values() == PROBE_ANSWERS
    await form.fill({"q.tags": "b", "q.pets": ""})  # unticks what is not listed
    assert (await form.values())["q.tags"] == "b"
    await teams.click_card_button("Send")
    await teams.wait_for_text("Your response was sent to the app")
    # The renderer leaves an input out of the data when it is empty (here: no pet ticked).
    expected = {**PROBE_ANSWERS, "q.tags": "b"}
    del expected["q.pets"]
    assert teams.feed.actions[-1] == {"verb": "probe.send", **expected}


# -- steps -------------------------------------------------------------------------------------


async def next_step(
    teams: PlaygroundPage,
    questionnaire: Mapping[str, Any],
    number: int,
    prefilled: Mapping[str, str] | None = None,
    shot_as: tuple[int, str] | None = None,
) -> None:
    """On step `number`: check the prefilled answers, fill ours, check that every required
    question has a valid answer, then press Next (or "Review my answers" on the last step)."""
    card = await teams.wait_for_card(f"Step {number} of")
    step = step_shown(questionnaire, await card.inner_text())
    form = await teams.card_form(card)
    if prefilled:
        shown = await form.values()
        assert {key: shown[key] for key in prefilled} == prefilled, "HR prefill changed"
    answers = ANSWERS.get(step["id"], {})
    await form.fill(answers)
    values = await form.values()
    assert_valid(questionnaire, step, values)
    if shot_as:
        await shot(teams, *shot_as)
    total = int(re.findall(rf"Step {number} of (\d+)", await card.inner_text())[0])
    await teams.click_card_button("Next" if number < total else "Review my answers")
    await teams.wait_for_card(f"Step {number + 1} of" if number < total else REVIEW)


def step_shown(questionnaire: Mapping[str, Any], card_text: str) -> dict[str, Any]:
    """The questionnaire step whose title the card shows."""
    lines = {line.strip() for line in card_text.splitlines()}
    found = [step for step in questionnaire["steps"] if step["title"] in lines]
    assert len(found) == 1, f"no single step title in {sorted(lines)}"
    return dict(found[0])


def assert_valid(
    questionnaire: Mapping[str, Any], step: Mapping[str, Any], values: Mapping[str, str]
) -> None:
    """Every question of `step` on the card has an answer its definition accepts."""
    questions = {q["id"]: q for q in questionnaire["questions"]}
    for input_id, value in values.items():
        question = questions[input_id.removeprefix("q.")]
        assert question["id"] in step["question_ids"]
        if question["required"]:
            assert value, f"{input_id} is required"
        if question["kind"] in ("single", "multi") and value:
            chosen = value.split(",")
            assert set(chosen) <= {c["id"] for c in question["choices"]}, input_id
            assert len(chosen) <= (question["max_choices"] or len(chosen)), input_id
        if question["kind"] == "text" and value:
            assert len(value) >= (question["min_length"] or 0), input_id
            assert len(value) <= (question["max_length"] or len(value)), input_id


async def shot(teams: PlaygroundPage, number: int, name: str) -> None:
    """test-artifacts/e2e/signup-NN-name.png: the chat down to the newest card."""
    await teams.screenshot(f"signup-{number:02d}-{name}", around=teams.cards.last)


# -- the probe card -------------------------------------------------------------------------

PROBE_ANSWERS = {
    "q.name": "Amina",
    "q.story": "Two lines:\nthe second one.",
    "q.capacity": "2",
    "q.joined": "2019-09-16",
    "q.grade": "P-3",
    "q.answer": "prefer_not",
    "q.tags": "a,c",
    "q.pets": "cat,emu",
    "q.consent": "true",
}


def _choices(*choices: tuple[str, str]) -> list[dict[str, str]]:
    return [{"value": value, "title": title} for value, title in choices]


PROBE_CARD: dict[str, Any] = {
    "type": "AdaptiveCard",
    "version": "1.5",
    "body": [
        {"type": "TextBlock", "text": "Every kind of input", "weight": "Bolder"},
        {"type": "Input.Text", "id": "q.name", "label": "Name", "isRequired": True},
        {"type": "Input.Text", "id": "q.story", "label": "Story", "isMultiline": True},
        {"type": "Input.Number", "id": "q.capacity", "label": "Mentees", "min": 1, "max": 3},
        {"type": "Input.Date", "id": "q.joined", "label": "Joined", "min": "1945-10-24"},
        {
            "type": "Input.ChoiceSet",
            "id": "q.grade",
            "label": "Grade",
            "style": "compact",
            "choices": _choices(*[(grade, grade) for grade in ["P-2", "P-3", "P-4", "P-5", "D-1"]]),
        },
        {
            "type": "Input.ChoiceSet",
            "id": "q.answer",
            "label": "Diverse?",
            "style": "expanded",
            "choices": _choices(
                ("yes", "Yes"), ("no", "No"), ("prefer_not", "I prefer not to say")
            ),
        },
        {
            "type": "Input.ChoiceSet",
            "id": "q.tags",
            "label": "Tags",
            "style": "compact",
            "isMultiSelect": True,
            "choices": _choices(*[(tag, f"Tag {tag}, with a comma") for tag in "abcdefghi"]),
        },
        {
            "type": "Input.ChoiceSet",
            "id": "q.pets",
            "label": "Pets",
            "style": "expanded",
            "isMultiSelect": True,
            "choices": _choices(("cat", "Cat"), ("dog", "Dog"), ("emu", "Emu")),
        },
        {
            "type": "Input.Toggle",
            "id": "q.consent",
            "title": "Use this in my matching",
            "valueOn": "true",
            "valueOff": "false",
            "value": "false",
        },
    ],
    "actions": [
        {
            "type": "Action.Execute",
            "title": "Send",
            "verb": "probe.send",
            "data": {"verb": "probe.send"},
        }
    ],
}
