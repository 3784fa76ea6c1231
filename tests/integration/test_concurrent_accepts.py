"""Simultaneous Accept invokes through /api/messages: capacity holds, a double click counts once."""

from __future__ import annotations

import asyncio
from typing import Any

from teams_app.domain.pairing import RequestStatus
from teams_app.domain.people import Person
from tests.integration import activities as act
from tests.integration.conftest import Running
from tests.integration.matching_cohort import add_applicant


def accept_as(running: Running, mentor: str, request_id: int, version: int) -> dict[str, Any]:
    activity: dict[str, Any] = act.card_action(
        running.connector.url,
        "matching.accept",
        {"verb": "matching.accept", "request": request_id, "version": version},
    )
    activity["from"] = {"id": f"29:{mentor}", "name": mentor.title(), "aadObjectId": mentor}
    return activity


async def post(running: Running, activity: dict[str, Any]) -> dict[str, Any]:
    response = await running.client.post("/api/messages", json=activity)
    assert response.status == 200
    body: dict[str, Any] = await response.json()
    return body


async def two_mentees_asking_one_mentor(running: Running) -> str:
    tandem = running.tandem
    cohort = await tandem.store.ensure_cohort(tandem.programme.id, tandem.programme.edition)
    for key in ("ana", "ben", "carla"):
        await add_applicant(tandem.store, cohort, key, "mentor")
    for key in ("mia", "noa"):
        await add_applicant(tandem.store, cohort, key, "mentee")
    await tandem.matching.publish(cohort)
    lists = {}
    for mentee in ("mia", "noa"):
        suggestions = await tandem.store.get_suggestions(cohort.id, mentee)
        assert suggestions is not None
        lists[mentee] = suggestions
    shared = next(
        entry.mentor
        for entry in lists["mia"].mentors
        if lists["noa"].suggested(entry.mentor) is not None
    )
    for mentee, suggestions in lists.items():
        person = Person(mentee, f"{mentee}@un.org", mentee.title())
        await tandem.requests.choose(person, [shared], suggestions.version)
    return shared


async def test_simultaneous_accepts_of_two_requests_pair_the_mentor_once(
    running: Running,
) -> None:
    mentor = await two_mentees_asking_one_mentor(running)
    store = running.tandem.store
    cohort = await store.ensure_cohort(
        running.tandem.programme.id, running.tandem.programme.edition
    )
    pending = await store.list_requests(cohort.id, mentor=mentor, status=RequestStatus.PENDING)
    assert len(pending) == 2
    bodies = await asyncio.gather(
        *(post(running, accept_as(running, mentor, r.id or 0, r.version)) for r in pending)
    )
    assert all(body["statusCode"] == 200 for body in bodies)
    pairings = await store.pairings(cohort.id, person=mentor)
    assert len([p for p in pairings if p.mentor == mentor]) == 1
    statuses = sorted(r.status.value for r in await store.list_requests(cohort.id, mentor=mentor))
    assert statuses == ["accepted", "full"]


async def test_a_double_clicked_accept_sent_twice_at_once_pairs_once(running: Running) -> None:
    mentor = await two_mentees_asking_one_mentor(running)
    store = running.tandem.store
    cohort = await store.ensure_cohort(
        running.tandem.programme.id, running.tandem.programme.edition
    )
    request = (await store.list_requests(cohort.id, mentor=mentor))[0]
    activity = accept_as(running, mentor, request.id or 0, request.version)
    bodies = await asyncio.gather(post(running, activity), post(running, dict(activity)))
    assert all(body["statusCode"] == 200 for body in bodies)
    assert len(await store.pairings(cohort.id)) == 1
    texts = [str(body["value"]) for body in bodies]
    assert sum("already answered" in text for text in texts) == 1
