"""Reminder throughput: the due-job sweep over 100,000 active pairings, and the paced queue.

1. Sweep: 100,000 pairings started over the last 60 days, three no-contact checks each (days 3,
   7, 14); checks due before today already ran. Tandem's claim (partial index on open jobs'
   due times, batches of 500) is timed against a baseline in the same run: reading every open
   job and filtering in Python. Target (issue 6): all due jobs found in <= 2 s.
2. Queue: messages to many conversations through the real Messenger and the Bot Connector
   double, 10 % of them answered 429 (Retry-After 1 s) first. Printed: rate achieved / rate
   configured, and messages lost (target: the rate held, none lost).

    .venv/bin/python bench/reminders.py [--pairings 100000] [--messages 250] [--rate 25]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from bot.adapter import build_adapter
from bot.messenger import BotMessenger
from teams_app.config import load_settings
from teams_app.domain.conversations import ConversationRecord, Scope
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from teams_app.storage.tables import JobRow
from tests.doubles.bot_connector import BotConnectorDouble, connector_error

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
DAYS = (3, 7, 14)
SWEEP_TARGET_S = 2.0


def job_rows(pairings: int, seed: int = 11) -> tuple[list[dict[str, object]], int]:
    """The jobs of `pairings` pairings, and how many are due now (open, due by NOW)."""
    rng = random.Random(seed)
    rows, due = [], 0
    for pairing in range(1, pairings + 1):
        started = NOW - timedelta(minutes=rng.randrange(60 * 24 * 60))
        for day in DAYS:
            due_at = started + timedelta(days=day)
            ran = due_at < NOW - timedelta(days=1)
            due += int(not ran and due_at <= NOW)
            rows.append(
                {
                    "kind": "contact-check",
                    "key": f"contact-check:pairing:{pairing}:day-{day}",
                    "subject": f"pairing:{pairing}",
                    "due_at": due_at,
                    "status": "done" if ran else "pending",
                    "attempts": int(ran),
                    "last_error": "",
                    "created_at": started,
                    "updated_at": started,
                }
            )
    return rows, due


async def sweep(pairings: int) -> bool:
    """Time the claim of every due job against a full read of the open jobs."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        await upgrade(url)
        store = SqlStore.open(url)
        rows, due = job_rows(pairings)
        async with store.engine.begin() as connection:
            for start in range(0, len(rows), 20_000):
                await connection.execute(insert(JobRow), rows[start : start + 20_000])
        started = time.perf_counter()
        async with store.engine.connect() as connection:
            open_jobs = (
                await connection.execute(select(JobRow).where(JobRow.status == "pending"))
            ).all()
        naive = [row for row in open_jobs if row.due_at <= NOW]
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        claimed = 0
        while batch := await store.claim_due_jobs(NOW, "bench", 300, 500):
            claimed += len(batch)
        ours = time.perf_counter() - started
        await store.close()
    print(f"sweep: {pairings:,} pairings, {len(rows):,} jobs, {due:,} due")
    print(f"  Tandem claim of all due jobs   {ours:7.3f} s ({claimed:,} claimed)")
    print(f"  baseline: read open, filter    {baseline:7.3f} s ({len(naive):,} found, none leased)")
    print(f"  ratio baseline / Tandem        {baseline / ours:7.2f}x")
    found = claimed == due == len(naive)
    print(f"  every due job found: {'yes' if found else 'NO'}")
    print(f"  target <= {SWEEP_TARGET_S} s: {'PASS' if ours <= SWEEP_TARGET_S else 'FAIL'}")
    return found and ours <= SWEEP_TARGET_S


async def queue(messages: int, rate: float, conversations: int = 50) -> bool:
    """Send through the paced Messenger with 10 % throttled; achieved rate and losses."""
    settings = load_settings({"TANDEM_DEV_MODE": "true"}, Path("/nonexistent"))
    async with BotConnectorDouble() as connector:
        messenger = BotMessenger(build_adapter(settings), "", tenant_rate=rate)
        records = [_record(connector.url, f"a:c{n}") for n in range(conversations)]
        plan = [records[n % conversations] for n in range(messages)]
        throttled = random.Random(3).sample(range(messages), messages // 10)
        for index in throttled:  # the first send to that conversation answers 429 once
            pattern = f"/v3/conversations/{plan[index].conversation_id}/activities"
            connector.script("POST", pattern, connector_error(429, retry_after=1))
        card = {"type": "AdaptiveCard", "version": "1.5", "body": []}
        started = time.perf_counter()
        await asyncio.gather(*(messenger.send_card(record, card) for record in plan))
        elapsed = time.perf_counter() - started
        delivered = len(connector.cards())
        arrivals = sorted(r.monotonic for r in connector.requests("POST"))
    achieved = delivered / elapsed
    peak = max(sum(1 for t in arrivals if s <= t < s + 1.0) for s in arrivals)
    lost = messages - delivered
    print(f"queue: {messages} messages to {conversations} conversations, {len(throttled)} x 429")
    print(f"  rate achieved / configured     {achieved:6.1f} / {rate:g} = {achieved / rate:.2f}")
    print(f"  most requests in any 1 s       {peak} (configured {rate:g}, 429s included)")
    print(f"  messages lost                  {lost}")
    ok = lost == 0 and peak <= rate
    print(f"  target: rate held, none lost: {'PASS' if ok else 'FAIL'}")
    return ok


def _record(service_url: str, conversation: str) -> ConversationRecord:
    reference = {
        "conversation": {"id": conversation},
        "serviceUrl": service_url,
        "channelId": "msteams",
        "bot": {"id": "28:tandem"},
        "user": {"id": "29:someone"},
    }
    return ConversationRecord(conversation, Scope.PERSONAL, "t", "u", None, service_url, reference)


def main() -> int:
    """Run both parts and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairings", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=250)
    parser.add_argument("--rate", type=float, default=25.0)
    args = parser.parse_args()
    swept = asyncio.run(sweep(args.pairings))
    queued = asyncio.run(queue(args.messages, args.rate))
    print("targets: " + ("all met" if swept and queued else "NOT all met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
