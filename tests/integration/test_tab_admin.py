"""The administrators' tab: the dashboard from the store, CSV per chart, matching, audited
registration reads; everyone else gets 403."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from teams_app.bootstrap import Tandem
from teams_app.demo import DEMO_ADMINS, seed_demo_people
from teams_app.demo_cohort import AMINA, KENJI, LUCAS, PRIYA, SOFIA, seed_demo_cohort
from teams_app.domain.admin_cases import AdminCase, CaseCategory, CaseKind
from teams_app.domain.pairing import Pairing
from tests.doubles.manual_clock import ManualClock
from tests.integration.conftest import start_tandem

NOW = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
SECRET = "prefer_not_to_say"


class Admin:
    def __init__(self, tandem: Tandem, client: TestClient) -> None:  # type: ignore[type-arg]
        self.tandem = tandem
        self.client = client

    async def call(self, person: str, method: str, path: str) -> tuple[int, Any]:
        signed = await self.client.post("/api/v1/dev/sign-in", json={"id": person})
        token = (await signed.json())["token"]
        response = await self.client.request(
            method, "/api/v1" + path, headers={"Authorization": f"Bearer {token}"}
        )
        if response.content_type == "application/json":
            return response.status, await response.json()
        return response.status, await response.text()


@pytest.fixture
async def admin(tmp_path: Path) -> AsyncIterator[Admin]:
    env = {"TANDEM_DEV_MODE": "true", "TANDEM_ADMINS": DEMO_ADMINS[0]}
    tandem, client = await start_tandem(env, tmp_path, ManualClock(NOW))
    store = tandem.store
    await seed_demo_people(store)
    await seed_demo_cohort(store, tandem.programme)
    cohort = await store.ensure_cohort(tandem.programme.id, tandem.programme.edition)
    kenji = await store.get_application(cohort.id, KENJI, "mentor")
    assert kenji is not None
    await store.save_application(replace(kenji, confidential={"diversity_disability": SECRET}))
    started = NOW - timedelta(days=10)
    pairing = await store.create_pairing(Pairing(cohort.id, AMINA, KENJI, started), 2, 1)
    key = f"contact-check:pairing:{pairing.id}:mentee-reminder"
    await store.schedule_job("contact-check", key, f"pairing:{pairing.id}", started)
    await store.record_contact(pairing.id or 0, started + timedelta(days=2), "confirmed", AMINA)
    await store.cancel_jobs(key_prefix=key, reason="contact made")
    try:
        yield Admin(tandem, client)
    finally:
        await client.close()


async def test_the_dashboard_counts_the_cohort_from_the_store(admin: Admin) -> None:
    status, body = await admin.call(SOFIA, "GET", "/admin/dashboard")

    assert status == 200, body
    funnel = {row["stage"]: row["count"] for row in body["funnel"]}
    assert funnel == {
        "applied": 2,
        "eligible": 2,
        "suggested": 1,
        "paired": 1,
        "first_contact": 1,
        "active": 0,
        "completed": 0,
    }
    assert body["pairs_by"]["duty_station"] == [{"label": "Dakar", "count": 1}]
    assert body["pairs_by"]["language"] == [{"label": "French", "count": 1}]
    first = {row["label"]: row["count"] for row in body["first_contact_days"]}
    assert first["0–3 days"] == 1
    assert body["nudges"] == [{"kind": "mentee-reminder", "outcome": "contact made", "count": 1}]
    assert body["without_contact"] == []
    assert body["queue"] == []


async def test_the_dashboard_counts_a_change_at_once(admin: Admin) -> None:
    store = admin.tandem.store
    await admin.call(SOFIA, "GET", "/admin/dashboard")
    cohort = await store.ensure_cohort("together", admin.tandem.programme.edition)
    started = NOW - timedelta(days=20)
    await store.create_pairing(Pairing(cohort.id, LUCAS, PRIYA, started), 2, 1)

    _, body = await admin.call(SOFIA, "GET", "/admin/dashboard")

    assert {row["stage"]: row["count"] for row in body["funnel"]}["paired"] == 2
    assert [(p["mentee"], p["days"]) for p in body["without_contact"]] == [("Lucas Moreau", 20)]


async def test_every_chart_is_also_a_csv(admin: Admin) -> None:
    status, text = await admin.call(SOFIA, "GET", "/admin/charts/funnel.csv")
    missing, _ = await admin.call(SOFIA, "GET", "/admin/charts/nothing.csv")

    rows = list(csv.reader(io.StringIO(text)))
    assert status == 200 and rows[0] == ["stage", "count"] and len(rows) == 8
    assert ["paired", "1"] in rows and missing == 404
    for chart in ("pairs_by_grade", "nudges", "unmatched", "without_contact", "sessions_per_month"):
        assert (await admin.call(SOFIA, "GET", f"/admin/charts/{chart}.csv"))[0] == 200


async def test_a_participant_gets_403_on_every_administrators_endpoint(admin: Admin) -> None:
    paths = [
        ("GET", "/admin/dashboard"),
        ("GET", "/admin/charts/funnel.csv"),
        ("POST", "/admin/matching/run"),
        ("POST", "/admin/matching/publish"),
        ("GET", f"/admin/people/{KENJI}/registration?reason=curious"),
    ]
    for method, path in paths:
        assert (await admin.call(AMINA, method, path))[0] == 403, path
    refused = (await admin.tandem.store.list_audit())[0]
    assert (refused.actor, refused.action) == (AMINA, "confidential.read_refused")


async def test_an_administrator_reads_a_registration_with_a_reason_and_it_is_audited(
    admin: Admin,
) -> None:
    path = f"/admin/people/{KENJI}/registration"
    unexplained, _ = await admin.call(SOFIA, "GET", path)
    status, body = await admin.call(SOFIA, "GET", path + "?reason=conflict%20of%20interest")

    assert unexplained == 400 and status == 200
    lines = [line for section in body["sections"] for line in section["lines"]]
    assert body["person"]["name"] == "Kenji Sato" and body["role"] == "mentor"
    assert any("Led trade negotiations" in line["value"] for line in lines)
    entry = (await admin.tandem.store.list_audit())[0]
    assert (entry.actor, entry.action) == (SOFIA, "confidential.read")
    assert entry.detail == {"reason": "conflict of interest"}


async def test_matching_runs_over_the_unpaired_and_changes_nothing(admin: Admin) -> None:
    status, body = await admin.call(SOFIA, "POST", "/admin/matching/run")

    assert status == 200 and body["matched"] == 1
    assert body["pairs"][0]["mentee"] == "Lucas Moreau"
    cohort = await admin.tandem.store.find_cohort("together", admin.tandem.programme.edition)
    assert cohort is not None
    assert len(await admin.tandem.store.pairings(cohort.id)) == 1


async def a_rematch_case(admin: Admin, note: str) -> int:
    store = admin.tandem.store
    cohort = await store.ensure_cohort(admin.tandem.programme.id, admin.tandem.programme.edition)
    (pairing,) = await store.pairings(cohort.id, person=AMINA)
    case = AdminCase(
        cohort.id, CaseKind.REMATCH, pairing.id or 0, AMINA, NOW, CaseCategory.NO_RAPPORT, note
    )
    return (await store.open_case(case)).id or 0


async def test_the_dashboard_queue_lists_cases_and_the_note_needs_a_reason(admin: Admin) -> None:
    case_id = await a_rematch_case(admin, "We never found a time.")

    _, body = await admin.call(SOFIA, "GET", "/admin/dashboard")
    (entry,) = body["queue"]
    assert entry["id"] == case_id and entry["kind"] == "rematch" and entry["status"] == "open"
    assert "We never found a time." not in str(body)

    refused, _ = await admin.call(SOFIA, "GET", f"/admin/cases/{case_id}")
    assert refused == 400
    forbidden, _ = await admin.call(AMINA, "GET", f"/admin/cases/{case_id}?reason=curious")
    assert forbidden == 403
    missing, _ = await admin.call(SOFIA, "GET", "/admin/cases/999?reason=review")
    assert missing == 404
    huge, _ = await admin.call(SOFIA, "GET", "/admin/cases/4516592296387370159177728?reason=r")
    assert huge == 404
    status, note = await admin.call(SOFIA, "GET", f"/admin/cases/{case_id}?reason=review")

    assert status == 200 and note["note"] == "We never found a time."
    reads = [e for e in await admin.tandem.store.list_audit() if e.action == "case.note_read"]
    assert [(e.actor, e.detail["reason"]) for e in reads] == [(SOFIA, "review")]
