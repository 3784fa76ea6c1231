"""Every message sent to Teams is recorded with its outcome (no content)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from teams_app.domain.delivery import Delivery, DeliveryOutcome
from teams_app.storage.sql_store import SqlStore

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


async def test_deliveries_are_kept_in_order_and_read_per_conversation(store: SqlStore) -> None:
    sent = Delivery("a:amina", "send", DeliveryOutcome.SENT, 2, 200, T0)
    gone = Delivery("a:lucas", "send", DeliveryOutcome.UNREACHABLE, 1, 403, T0 + timedelta(1))
    edit = Delivery("a:amina", "update", DeliveryOutcome.FAILED, 5, 502, T0 + timedelta(2))
    for delivery in (edit, sent, gone):
        await store.record_delivery(delivery)
    assert list(await store.deliveries()) == [sent, gone, edit]
    assert list(await store.deliveries("a:amina")) == [sent, edit]
