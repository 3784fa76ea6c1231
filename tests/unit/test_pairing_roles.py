"""Who someone is in a pair."""

from __future__ import annotations

from datetime import UTC, datetime

from teams_app.domain.pairing import Pairing
from teams_app.domain.programme import Role


def test_each_member_has_their_role_and_anyone_else_none() -> None:
    pairing = Pairing(1, "mentee-id", "mentor-id", datetime(2026, 3, 1, tzinfo=UTC))
    assert pairing.role_of("mentee-id") is Role.MENTEE
    assert pairing.role_of("mentor-id") is Role.MENTOR
    assert pairing.role_of("admin-id") is None
    assert pairing.role_of("") is None
