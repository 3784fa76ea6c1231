"""A database holding many pairings whose day-7 mentor ping is due, written in bulk.

Each mentor has a personal conversation of their own (`a:mentor-<n>`) on the Bot Connector
double, so the double's activities per conversation are the sends per nudge.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert

from teams_app.domain.nudges import NudgeKind
from teams_app.domain.programme.rules import Reminders
from teams_app.services.contact_checks import KIND, key_of, subject_of
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from teams_app.storage.tables import ConversationRow, JobRow, PairingRow, PersonRow

# A Monday 10:00 UTC: everyone lives in UTC, so every ping is inside working hours.
MONDAY_MORNING = datetime.fromisoformat("2026-10-05T10:00:00+00:00")


@dataclass(frozen=True)
class DueNudges:
    """What was seeded: one job key and one mentor conversation per pairing."""

    keys: tuple[str, ...]
    conversations: tuple[str, ...]


def conversation_of(n: int) -> str:
    """The personal conversation of mentor number n."""
    return f"a:mentor-{n}"


async def seed_due_mentor_pings(url: str, service_url: str, count: int) -> DueNudges:
    """Migrate `url` and add `count` pairings, 8 days old, each with its mentor ping due."""
    await upgrade(url)
    store = SqlStore.open(url)
    now = MONDAY_MORNING
    started = now - timedelta(days=Reminders().mentor_ping_days, hours=1)
    numbers = range(1, count + 1)
    try:
        cohort = await store.ensure_cohort("together", "kill-proof")
        async with store.engine.begin() as connection:
            await connection.execute(
                insert(PersonRow),
                [_person(f"mentee-{n}", now) for n in numbers]
                + [_person(f"mentor-{n}", now) for n in numbers],
            )
            await connection.execute(
                insert(ConversationRow), [_conversation(n, service_url, now) for n in numbers]
            )
            await connection.execute(
                insert(PairingRow), [_pairing(n, cohort.id, started) for n in numbers]
            )
            await connection.execute(insert(JobRow), [_job(n, started, now) for n in numbers])
    finally:
        await store.close()
    keys = tuple(key_of(n, NudgeKind.MENTOR_PING) for n in numbers)
    return DueNudges(keys, tuple(conversation_of(n) for n in numbers))


def _person(aad: str, now: datetime) -> dict[str, object]:
    return {
        "aad_object_id": aad,
        "email": f"{aad}@example.org",
        "name": aad.replace("-", " ").title(),
        "time_zone": "UTC",
        "created_at": now,
        "updated_at": now,
    }


def _conversation(n: int, service_url: str, now: datetime) -> dict[str, object]:
    reference = {
        "conversation": {"id": conversation_of(n)},
        "serviceUrl": service_url,
        "channelId": "msteams",
        "bot": {"id": "28:tandem"},
        "user": {"id": f"29:mentor-{n}", "aadObjectId": f"mentor-{n}"},
    }
    return {
        "conversation_id": conversation_of(n),
        "scope": "personal",
        "tenant_id": "tenant-1",
        "user_aad_id": f"mentor-{n}",
        "team_id": None,
        "service_url": service_url,
        "reference": reference,
        "updated_at": now,
    }


def _pairing(n: int, cohort_id: int, started: datetime) -> dict[str, object]:
    return {
        "id": n,
        "cohort_id": cohort_id,
        "mentee": f"mentee-{n}",
        "mentor": f"mentor-{n}",
        "status": "active",
        "started_at": started,
        "end_reason": "",
        "version": 1,
    }


def _job(n: int, started: datetime, now: datetime) -> dict[str, object]:
    return {
        "kind": KIND,
        "key": key_of(n, NudgeKind.MENTOR_PING),
        "subject": subject_of(n),
        "due_at": started + timedelta(days=Reminders().mentor_ping_days),
        "status": "pending",
        "attempts": 0,
        "last_error": "",
        "created_at": started,
        "updated_at": now,
    }
