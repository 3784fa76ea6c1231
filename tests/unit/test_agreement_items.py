"""Agreement input is either accepted as valid fields or refused naming one field."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from teams_app.domain.agreement import (
    MAX_ACTION,
    AgreementItem,
    InvalidField,
    ItemStatus,
    Owner,
    describe,
    item_changes,
)

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=1100),
    st.sampled_from(["mentee", "mentor", "both", "open", "in_progress", "done", "2026-11-30"]),
)
bodies = st.dictionaries(st.sampled_from(["goal", "action", "owner", "due", "status"]), values)


@given(body=bodies, creating=st.booleans())
def test_input_is_accepted_whole_or_refused_with_a_field(
    body: dict[str, Any], creating: bool
) -> None:
    try:
        changes = item_changes(body, creating=creating)
    except InvalidField as refused:
        assert refused.field in body or (creating and refused.field == "action")
        return
    assert set(changes) == set(body)
    assert all(len(changes.get(name, "")) <= MAX_ACTION for name in ("goal", "action"))
    assert isinstance(changes.get("owner", Owner.BOTH), Owner)
    assert isinstance(changes.get("status", ItemStatus.OPEN), ItemStatus)
    assert changes.get("due") is None or isinstance(changes["due"], date)
    if creating:
        assert changes.get("goal") or changes.get("action")


def test_a_change_is_described_field_by_field() -> None:
    before = AgreementItem(1, "Lead", "Shadow a lead", status=ItemStatus.OPEN)
    after = AgreementItem(
        1, "Lead", "Shadow a lead", status=ItemStatus.DONE, due=date(2026, 11, 30)
    )

    assert describe(before, after) == "due: — → 2026-11-30; status: open → done"
    assert describe(None, after) == "added “Shadow a lead”"
