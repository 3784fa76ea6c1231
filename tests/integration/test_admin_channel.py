"""The administrators' channel through /api/messages: set-up, rematch, conflict, refusals."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from teams_app.domain.admin_cases import CaseKind
from teams_app.domain.pairing import PairingStatus, RequestStatus
from teams_app.jobs.runner import JobRunner
from teams_app.services.contact_checks import KIND as CONTACT_CHECK
from tests.card_schema import assert_valid_card
from tests.integration import activities as act
from tests.integration.admin_world import (
    KOFI,
    channel_cards,
    press_in_channel,
    say_in_channel,
    with_applications,
)
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
from tests.integration.tab_client import signed_in

SECRET = "He keeps cancelling at the last minute"


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[SessionWorld]:
    async with session_world(tmp_path, with_graph=False) as opened:
        await with_applications(opened)
        yield opened


async def ask_for_new_match(world: SessionWorld, note: str = SECRET) -> None:
    await world.say(AMINA, "new match")
    _, form = world.last_card(AMINA, "Ask for a new match")
    assert_valid_card(form)
    (send,) = find_buttons(form, "case.submit")
    data = send["data"] | {"category": "no_rapport", "note": note, "pairing": str(world.pairing_id)}
    pressed = await world.press(AMINA, {"verb": send["verb"], "data": data})
    assert "Request sent to the programme team" in text_of(pressed.card)


async def test_only_an_administrator_sets_the_admin_channel_and_a_refusal_is_audited(
    world: SessionWorld,
) -> None:
    refused = await say_in_channel(world, OMAR, "set admin channel")
    assert "Administrators only" in text_of(refused)
    assert await world.tandem.store.admin_channel(world.tandem.programme.id) is None

    accepted = await say_in_channel(world, SOFIA, "set admin channel")

    assert_valid_card(accepted)
    assert "This channel now receives the programme's cases" in text_of(accepted)
    channel = await world.tandem.store.admin_channel(world.tandem.programme.id)
    assert channel is not None and channel.set_by == SOFIA.aad_id
    actions = [(e.actor, e.action) for e in await world.tandem.store.list_audit()]
    assert (OMAR.aad_id, "admin.refused") in actions
    assert (SOFIA.aad_id, "admin_channel.set") in actions


async def test_rematch_request_is_approved_from_the_channel_with_neutral_messages(
    world: SessionWorld, engine_on_loop: list[bool]
) -> None:
    await say_in_channel(world, SOFIA, "set admin channel")
    await ask_for_new_match(world)
    assert engine_on_loop == [False]  # the alternatives were found on a worker thread

    ((card_id, card),) = channel_cards(world, "Request for a new match")
    assert_valid_card(card)
    shown = text_of(card)
    assert "Amina Diallo (mentee) with Priya Raman (mentor)" in shown
    assert "No rapport" in shown and "Sessions held" in shown
    assert SECRET not in shown and "reason available in the dashboard" in shown
    approve = find_buttons(card, "case.approve")
    assert 1 <= len(approve) <= 3
    assert PRIYA.aad_id not in {b["data"]["mentor"] for b in approve}  # never the old mentor

    refused = await press_in_channel(world, OMAR, approve[0])
    assert "Only the programme administrators" in str(refused.card)
    assert world.connector.versions(card_id)[-1]["attachments"][0]["content"] == card

    kofi = next(b for b in approve if b["data"]["mentor"] == KOFI.aad_id)
    decided = await press_in_channel(world, SOFIA, kofi)

    assert "Approved: Kofi Mensah has been asked to mentor Amina Diallo" in text_of(decided.card)
    assert "Decided by Sofia Alvarez" in text_of(decided.card)
    (_, updated) = channel_cards(world, "Request for a new match")[0]
    assert "Approved: Kofi Mensah" in text_of(updated)  # in place, for everyone
    store = world.tandem.store
    old = await store.get_pairing(world.pairing_id)
    assert old is not None and old.status is PairingStatus.ENDED
    cohort = await store.ensure_cohort(world.tandem.programme.id, world.tandem.programme.edition)
    (request,) = await store.list_requests(cohort.id, mentor=KOFI.aad_id)
    assert request.mentee == AMINA.aad_id and request.status is RequestStatus.PENDING
    world.last_card(KOFI, "would like you as their mentor")
    _, to_amina = world.last_card(AMINA, "A change to your mentoring pairing")
    _, to_priya = world.last_card(PRIYA, "A change to your mentoring pairing")
    for neutral in (text_of(to_amina), text_of(to_priya)):
        for telling in ("rapport", "cancelling", "asked for", "request", "Amina asked"):
            assert telling not in neutral

    again = await press_in_channel(world, SOFIA, kofi)  # a double click
    assert "Someone decided this case meanwhile" in text_of(again.card)
    assert len(await store.list_requests(cohort.id, mentor=KOFI.aad_id)) == 1


async def test_concurrent_approvals_change_the_case_once(world: SessionWorld) -> None:
    await say_in_channel(world, SOFIA, "set admin channel")
    await ask_for_new_match(world)
    (_, card) = channel_cards(world, "Request for a new match")[0]
    first = find_buttons(card, "case.approve")[0]

    await asyncio.gather(*(press_in_channel(world, SOFIA, first) for _ in range(4)))

    store = world.tandem.store
    cohort = await store.ensure_cohort(world.tandem.programme.id, world.tandem.programme.edition)
    assert len(await store.list_requests(cohort.id, mentee=AMINA.aad_id)) == 1
    approvals = [e for e in await store.list_audit() if e.action == "case.approved"]
    assert len(approvals) == 1


async def test_decline_sends_the_administrators_message_and_keeps_the_pairing(
    world: SessionWorld,
) -> None:
    await say_in_channel(world, SOFIA, "set admin channel")
    await ask_for_new_match(world)
    (_, card) = channel_cards(world, "Request for a new match")[0]
    (decline,) = find_buttons(card, "case.decline")
    button = {"verb": decline["verb"], "data": decline["data"] | {"message": "Let us talk first."}}

    decided = await press_in_channel(world, SOFIA, button)

    assert "Declined: the pairing continues" in text_of(decided.card)
    _, to_amina = world.last_card(AMINA, "About your request for a new match")
    assert "Let us talk first." in text_of(to_amina)
    pairing = await world.tandem.store.get_pairing(world.pairing_id)
    assert pairing is not None and pairing.status is PairingStatus.ACTIVE


async def test_asking_for_more_information_lets_the_requester_answer(world: SessionWorld) -> None:
    await say_in_channel(world, SOFIA, "set admin channel")
    await ask_for_new_match(world)
    (card_id, card) = channel_cards(world, "Request for a new match")[0]
    (ask,) = find_buttons(card, "case.ask")
    question = {"verb": ask["verb"], "data": ask["data"] | {"message": "Since when?"}}
    empty = await press_in_channel(world, SOFIA, ask)
    assert "Type the question for the requester" in text_of(empty.card)

    asked = await press_in_channel(world, SOFIA, question)

    assert "Waiting for the requester's answer" in text_of(asked.card)
    _, to_amina = world.last_card(AMINA, "A question from the programme team")
    assert "Since when?" in text_of(to_amina)
    (send,) = find_buttons(to_amina, "case.reply")
    reply = {"verb": send["verb"], "data": send["data"] | {"reply": "Since October."}}
    answered = await world.press(AMINA, reply)
    assert "Your answer is with the programme administrators" in text_of(answered.card)
    refreshed = await world.updated(card_id, "The requester sent more information")
    assert "Approve with" in text_of(refreshed)
    stored = await world.tandem.store.get_case(int(ask["data"]["case"]))
    assert stored is not None and "Since October." in stored.note


async def test_conflict_report_reaches_the_channel_and_ending_it_ends_the_pairing(
    world: SessionWorld,
) -> None:
    await say_in_channel(world, SOFIA, "set admin channel")
    await world.say(PRIYA, "report a conflict")
    _, form = world.last_card(PRIYA, "Report a conflict of interest")
    (send,) = find_buttons(form, "case.submit")
    data = send["data"] | {"note": "She reports to my deputy.", "pairing": str(world.pairing_id)}
    await world.press(PRIYA, {"verb": send["verb"], "data": data})

    (_, card) = channel_cards(world, "Conflict of interest reported")[0]
    assert_valid_card(card)
    assert "She reports to my deputy." not in text_of(card)
    assert find_buttons(card, "case.keep") and find_buttons(card, "case.ask")
    (end,) = find_buttons(card, "case.end")
    decided = await press_in_channel(world, SOFIA, end)

    assert "The pairing was ended" in text_of(decided.card)
    pairing = await world.tandem.store.get_pairing(world.pairing_id)
    assert pairing is not None and pairing.status is PairingStatus.ENDED
    world.last_card(AMINA, "A change to your mentoring pairing")


async def test_a_form_without_a_reason_comes_back_with_the_note_kept(world: SessionWorld) -> None:
    await world.say(AMINA, "new match")
    _, form = world.last_card(AMINA, "Ask for a new match")
    (send,) = find_buttons(form, "case.submit")
    data = send["data"] | {"note": "keep me", "pairing": str(world.pairing_id)}

    pressed = await world.press(AMINA, {"verb": send["verb"], "data": data})

    assert "Choose why you are asking for a new match." in text_of(pressed.card)
    assert "keep me" in text_of(pressed.card)
    assert await world.tandem.store.waiting_case(world.pairing_id, CaseKind.REMATCH) is None
    too_long = data | {"category": "other", "note": "x" * 1200}
    pressed = await world.press(AMINA, {"verb": send["verb"], "data": too_long})
    assert "Please keep it under 1000 characters" in text_of(pressed.card)


async def test_a_request_made_before_the_channel_exists_is_posted_when_it_is_set(
    world: SessionWorld,
) -> None:
    await ask_for_new_match(world)
    assert channel_cards(world, "Request for a new match") == []

    await say_in_channel(world, SOFIA, "set admin channel")

    assert len(channel_cards(world, "Request for a new match")) == 1


async def test_new_match_typed_in_a_channel_points_to_the_personal_chat(
    world: SessionWorld,
) -> None:
    card = await say_in_channel(world, AMINA, "new match")
    assert "Use your personal chat with Tandem" in text_of(card)


@pytest.fixture
async def private_world(tmp_path: Path) -> AsyncIterator[SessionWorld]:
    env = {"TANDEM_ADMIN_CHANNEL_PRIVATE": "true"}
    async with session_world(tmp_path, with_graph=False, env=env) as opened:
        await with_applications(opened)
        yield opened


async def test_a_channel_private_to_administrators_shows_the_note(
    private_world: SessionWorld,
) -> None:
    await say_in_channel(private_world, SOFIA, "set admin channel")
    await ask_for_new_match(private_world)
    (_, card) = channel_cards(private_world, "Request for a new match")[0]
    assert SECRET in text_of(card)
    posted = [
        e for e in await private_world.tandem.store.list_audit() if e.action == "case.note_posted"
    ]
    assert len(posted) == 1


async def test_the_audit_command_lists_who_did_what_to_which_record(
    world: SessionWorld, tmp_path: Path
) -> None:
    await say_in_channel(world, OMAR, "set admin channel")
    await say_in_channel(world, SOFIA, "set admin channel")
    await ask_for_new_match(world)
    env = {"TANDEM_DATA_DIR": str(tmp_path), "TANDEM_DEV_MODE": "true", "TANDEM_PROGRAMME": "iom"}

    listed = await asyncio.to_thread(run_tandem, "audit", "--json", env=env)
    refusals = await asyncio.to_thread(run_tandem, "audit", "--action", "admin.refused", env=env)

    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    actions = [(r["actor"], r["action"]) for r in rows]
    assert actions[0] == (AMINA.aad_id, "case.rematch.opened")  # newest first
    assert (SOFIA.aad_id, "admin_channel.set") in actions
    assert SECRET not in listed.stdout
    assert refusals.stdout.count("admin.refused") == 1 and OMAR.aad_id in refusals.stdout


async def test_a_pair_without_contact_on_day_14_is_posted_to_the_admin_channel(
    world: SessionWorld,
) -> None:
    await say_in_channel(world, SOFIA, "set admin channel")
    checks = world.tandem.requests.contact_checks
    assert checks is not None
    pairing = await world.tandem.store.get_pairing(world.pairing_id)
    assert pairing is not None
    await checks.schedule(pairing)
    runner = JobRunner(world.tandem.store, world.clock, {CONTACT_CHECK: checks}, owner="test")

    world.clock.advance(days=14, hours=1)
    await runner.run_until_idle()

    (_, card) = channel_cards(world, "A pair has had no contact")[0]
    assert "Amina Diallo (mentee) and Priya Raman (mentor)" in text_of(card)
    assert not any("no contact" in text_of(c) for c in world.connector.cards(SOFIA.conversation))


async def test_a_new_mentor_who_declines_hands_the_case_back_with_fresh_alternatives(
    world: SessionWorld,
) -> None:
    await say_in_channel(world, SOFIA, "set admin channel")
    await ask_for_new_match(world)
    (card_id, card) = channel_cards(world, "Request for a new match")[0]
    kofi = next(b for b in find_buttons(card, "case.approve") if b["data"]["mentor"] == KOFI.aad_id)
    await press_in_channel(world, SOFIA, kofi)
    request_id, request = world.last_card(KOFI, "would like you as their mentor")
    (decline,) = find_buttons(request, "matching.decline")
    await world.press(KOFI, decline, request_id)

    reopened = await world.updated(card_id, "could not take the mentee: choose another")

    offered = {b["data"]["mentor"] for b in find_buttons(reopened, "case.approve")}
    assert KOFI.aad_id not in offered and PRIYA.aad_id not in offered
    case = await world.tandem.store.get_case(int(kofi["data"]["case"]))
    assert case is not None and case.status.waiting and case.outcome is None


@pytest.fixture
async def team_world(tmp_path: Path) -> AsyncIterator[SessionWorld]:
    env = {"TANDEM_ADMIN_TEAM_ID": act.TEAM_ID}
    async with session_world(tmp_path, with_graph=False, env=env) as opened:
        await with_applications(opened)
        omar = {"id": f"29:{OMAR.aad_id}", "name": OMAR.name, "aadObjectId": OMAR.aad_id}
        opened.connector.seed_members(act.TEAM_ID, [omar])
        yield opened


async def test_members_of_the_configured_admin_team_are_administrators(
    team_world: SessionWorld,
) -> None:
    refused = await say_in_channel(team_world, KOFI, "set admin channel")
    assert "Administrators only" in text_of(refused)

    accepted = await say_in_channel(team_world, OMAR, "set admin channel")  # not in TANDEM_ADMINS

    assert "This channel now receives the programme's cases" in text_of(accepted)
    channel = await team_world.tandem.store.admin_channel(team_world.tandem.programme.id)
    assert channel is not None and channel.set_by == OMAR.aad_id


async def test_the_tab_knows_the_admin_team_members_as_administrators_too(
    team_world: SessionWorld,
) -> None:
    await say_in_channel(team_world, OMAR, "status")  # Tandem knows the team from here on
    omar, kofi = await signed_in(team_world, OMAR), await signed_in(team_world, KOFI)

    omar_me, kofi_me = await omar.call("GET", "/me"), await kofi.call("GET", "/me")
    omar_board, kofi_board = (
        await omar.call("GET", "/admin/dashboard"),
        await kofi.call("GET", "/admin/dashboard"),
    )

    assert omar_me[1]["person"]["is_admin"] is True  # not in TANDEM_ADMINS: the team's member
    assert kofi_me[1]["person"]["is_admin"] is False
    assert omar_board[0] == 200 and kofi_board[0] == 403
