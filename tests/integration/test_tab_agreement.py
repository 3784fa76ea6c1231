"""The Mentorship Agreement is the pair's, editable by both with history; the journal is its
author's alone: not the partner's, not the administrators'."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.integration.session_world import AMINA, OMAR, PRIYA, SOFIA, SessionWorld, session_world
from tests.integration.tab_client import signed_in


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[SessionWorld]:
    async with session_world(tmp_path, with_graph=False) as world:
        yield world


async def test_a_mentee_adds_an_action_and_the_mentor_sees_and_updates_it(
    world: SessionWorld,
) -> None:
    amina, priya = await signed_in(world, AMINA), await signed_in(world, PRIYA)
    new = {"goal": "Lead a team", "action": "Shadow a team lead", "owner": "mentee"}
    new |= {"due": "2026-11-30"}

    status, item = await amina.call("POST", "/agreement/items", new)
    assert status == 201 and item["status"] == "open" and item["version"] == 1
    _, seen = await priya.call("GET", "/agreement")
    assert [i["action"] for i in seen["items"]] == ["Shadow a team lead"]
    status, done = await priya.call(
        "PATCH", f"/agreement/items/{item['id']}", {"version": 1, "status": "done"}
    )

    assert status == 200 and (done["status"], done["version"]) == ("done", 2)
    _, after = await amina.call("GET", "/agreement")
    history = after["history"]
    assert [h["by_name"] for h in history] == ["Priya Raman", "Amina Diallo"]
    assert "status: open → done" in history[0]["change"]


async def test_a_stale_version_gets_409_and_changes_nothing(world: SessionWorld) -> None:
    amina, priya = await signed_in(world, AMINA), await signed_in(world, PRIYA)
    _, item = await amina.call("POST", "/agreement/items", {"action": "Draft a CV"})
    await priya.call("PATCH", f"/agreement/items/{item['id']}", {"version": 1, "owner": "mentor"})

    status, body = await amina.call(
        "PATCH", f"/agreement/items/{item['id']}", {"version": 1, "action": "Rewrite"}
    )
    deleted, _ = await amina.call("DELETE", f"/agreement/items/{item['id']}?version=1")

    assert (status, deleted) == (409, 409) and "reload" in body["error"]
    _, now = await amina.call("GET", "/agreement")
    assert [(i["action"], i["owner"]) for i in now["items"]] == [("Draft a CV", "mentor")]


async def test_bad_input_names_the_field_and_stores_nothing(world: SessionWorld) -> None:
    amina = await signed_in(world, AMINA)

    cases = [
        ({"action": "x", "due": "30/11/2026"}, "due"),
        ({"action": "x", "owner": "boss"}, "owner"),
        ({"goal": " ", "action": ""}, "action"),
        ({"action": "x" * 1001}, "action"),
    ]
    for body, field in cases:
        status, answer = await amina.call("POST", "/agreement/items", body)
        assert (status, answer["field"]) == (400, field)
    _, now = await amina.call("GET", "/agreement")
    assert now["items"] == [] and now["history"] == []


async def test_someone_outside_the_pair_cannot_read_or_change_its_agreement(
    world: SessionWorld,
) -> None:
    amina, omar = await signed_in(world, AMINA), await signed_in(world, OMAR)
    _, item = await amina.call("POST", "/agreement/items", {"action": "Draft a CV"})

    _, seen = await omar.call("GET", "/agreement")
    named, _ = await omar.call("GET", f"/agreement?pairing={world.pairing_id}")
    changed, _ = await omar.call("PATCH", f"/agreement/items/{item['id']}", {"version": 1})
    removed, _ = await omar.call("DELETE", f"/agreement/items/{item['id']}?version=1")

    assert seen["items"] == [] and (named, changed, removed) == (404, 404, 404)


async def test_the_journal_is_private_to_its_author(world: SessionWorld) -> None:
    amina, priya, sofia = [await signed_in(world, m) for m in (AMINA, PRIYA, SOFIA)]
    status, entry = await amina.call("POST", "/journal", {"text": "Nervous before session 1."})
    assert status == 201

    partner_reads = (await priya.call("GET", "/journal"))[1]["entries"]
    admin_reads = (await sofia.call("GET", "/journal"))[1]["entries"]
    partner_edit, _ = await priya.call(
        "PATCH", f"/journal/{entry['id']}", {"version": 1, "text": "hacked"}
    )
    admin_delete, _ = await sofia.call("DELETE", f"/journal/{entry['id']}?version=1")

    assert partner_reads == [] and admin_reads == []
    assert (partner_edit, admin_delete) == (404, 404)
    _, mine = await amina.call("GET", "/journal")
    assert [e["text"] for e in mine["entries"]] == ["Nervous before session 1."]


async def test_an_author_rewrites_and_removes_an_entry_by_version(world: SessionWorld) -> None:
    amina = await signed_in(world, AMINA)
    _, entry = await amina.call("POST", "/journal", {"text": "First thoughts"})

    status, rewritten = await amina.call(
        "PATCH", f"/journal/{entry['id']}", {"version": 1, "text": "Second thoughts"}
    )
    stale, _ = await amina.call("DELETE", f"/journal/{entry['id']}?version=1")
    removed, _ = await amina.call("DELETE", f"/journal/{entry['id']}?version=2")
    empty, _ = await amina.call("POST", "/journal", {"text": "   "})

    assert status == 200 and rewritten["text"] == "Second thoughts"
    assert (stale, removed, empty) == (409, 204, 400)
    assert (await amina.call("GET", "/journal"))[1]["entries"] == []
