"""The participant's tab: where I stand, my partner's public profile only, the resources."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from teams_app.bootstrap import Tandem
from teams_app.demo import DEMO_ADMINS, seed_demo_people
from teams_app.demo_cohort import AMINA, KENJI, LUCAS, SOFIA, seed_demo_cohort
from teams_app.domain.pairing import Pairing
from teams_app.domain.retention import COHORT_ENDED
from tests.doubles.manual_clock import ManualClock
from tests.integration.conftest import start_tandem

SECRET = "prefer_not_to_say"


@pytest.fixture
def clock() -> ManualClock:
    """Tandem's clock in these tests, standing still until a test moves it."""
    return ManualClock(datetime(2026, 12, 7, tzinfo=UTC))


@pytest.fixture
async def demo(tmp_path: Path, clock: ManualClock) -> AsyncIterator[tuple[Tandem, TestClient]]:  # type: ignore[type-arg]
    env = {"TANDEM_DEV_MODE": "true", "TANDEM_ADMINS": DEMO_ADMINS[0]}
    tandem, client = await start_tandem(env, tmp_path, clock)
    store = tandem.store
    await seed_demo_people(store)
    await seed_demo_cohort(store, tandem.programme)
    cohort = await store.ensure_cohort(tandem.programme.id, tandem.programme.edition)
    kenji = await store.get_application(cohort.id, KENJI, "mentor")
    assert kenji is not None
    await store.save_application(replace(kenji, confidential={"diversity_disability": SECRET}))
    started = datetime(2026, 10, 1, tzinfo=UTC)
    await store.create_pairing(Pairing(cohort.id, AMINA, KENJI, started), 2, 1)
    try:
        yield tandem, client
    finally:
        await client.close()


async def _get(client: TestClient, person: str, path: str) -> Any:  # type: ignore[type-arg]
    signed = await client.post("/api/v1/dev/sign-in", json={"id": person})
    token = (await signed.json())["token"]
    response = await client.get("/api/v1" + path, headers={"Authorization": f"Bearer {token}"})
    assert response.status == 200, await response.text()
    return await response.json()


async def test_each_person_sees_where_they_stand(demo: tuple[Tandem, TestClient]) -> None:  # type: ignore[type-arg]
    _, client = demo

    amina, lucas, sofia = [await _get(client, p, "/me") for p in (AMINA, LUCAS, SOFIA)]

    assert (amina["role"], amina["stage"]) == ("mentee", "paired")
    assert (lucas["role"], lucas["stage"]) == ("mentee", "registered")
    assert (sofia["role"], sofia["stage"], sofia["person"]["is_admin"]) == (
        None,
        "not_registered",
        True,
    )
    assert amina["next_step"] and amina["programme"]["id"] == "together"


async def test_a_pair_past_its_programme_end_is_pointed_to_the_reflection(
    demo: tuple[Tandem, TestClient],  # type: ignore[type-arg]
    clock: ManualClock,
) -> None:
    _, client = demo
    clock.current = datetime(2027, 2, 15, tzinfo=UTC)  # the edition's last day

    amina = await _get(client, AMINA, "/me")

    assert (amina["role"], amina["stage"]) == ("mentee", "ended")
    assert "reflection and feedback survey" in amina["next_step"]


async def test_after_end_cohort_nobody_is_told_to_wait_for_the_matching(
    demo: tuple[Tandem, TestClient],  # type: ignore[type-arg]
    clock: ManualClock,
) -> None:
    tandem, client = demo
    store, now = tandem.store, clock.now()
    cohort = await store.ensure_cohort(tandem.programme.id, tandem.programme.edition)
    (pairing,) = await store.pairings_of(AMINA)
    assert pairing.id is not None
    await store.end_pairing(pairing.id, pairing.version, now, COHORT_ENDED)
    await store.end_cohort(cohort.id, now, SOFIA, now + timedelta(days=365))

    amina, lucas = [await _get(client, p, "/me") for p in (AMINA, LUCAS)]

    assert amina["stage"] == "ended" and "reflect" in amina["next_step"]
    assert lucas["stage"] == "ended" and "registration opens again" in lucas["next_step"]


async def test_the_partner_is_shown_by_their_public_profile_only(
    demo: tuple[Tandem, TestClient],  # type: ignore[type-arg]
) -> None:
    _, client = demo
    body = await _get(client, AMINA, "/pairing")
    partner = body["pairing"]["partner"]

    assert body["pairing"]["my_role"] == "mentee"
    assert (partner["name"], partner["duty_station"]) == ("Kenji Sato", "Bangkok")
    assert partner["languages"] and len(partner["local_time"]) == 5
    assert SECRET not in json.dumps(body) and "Prefer not to say" not in json.dumps(body)
    pair_labels = {line["label"] for line in partner["profile"]}
    assert "Skills to share" in pair_labels
    mentor_view = await _get(client, KENJI, "/pairing")
    assert mentor_view["pairing"]["partner"]["name"] == "Amina Diallo"
    assert (await _get(client, LUCAS, "/pairing"))["pairing"] is None


async def test_resources_come_from_the_programme_guides(
    demo: tuple[Tandem, TestClient],  # type: ignore[type-arg]
) -> None:
    _, client = demo

    sections = (await _get(client, LUCAS, "/resources"))["sections"]

    ids = [s["id"] for s in sections]
    assert ids == [
        "phases",
        "first_meeting",
        "fifteen_questions",
        "checklist",
        "dos_and_donts",
        "exercises",
    ]
    assert len(next(s for s in sections if s["id"] == "fifteen_questions")["items"]) == 15
