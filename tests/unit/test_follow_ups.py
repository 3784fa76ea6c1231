"""The timing rules of a pair's follow-ups, and their cards."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.notifier import card_for_view
from teams_app.domain.follow_ups import (
    REFLECTION_BEFORE_END,
    REFLECTION_LEAD,
    REMINDER_MIN_LEAD,
    FollowUpKey,
    FollowUpKind,
    action_plan_due,
    cadence_due,
    pair_ends_at,
    parse_follow_up,
    parse_reminder_detail,
    reflection_due,
    reminder_detail,
    reminder_send_time,
    rhythm_anchor,
    survey_open,
)
from teams_app.domain.pairing import Pairing, PairingStatus
from teams_app.domain.programme import Role
from teams_app.domain.retention import COHORT_ENDED
from teams_app.domain.sessions import Session, SessionStatus
from teams_app.domain.working_hours import WorkingHours
from teams_app.presets import load_programme
from teams_app.services.follow_up_views import CadenceNudgeView, PhasePromptView
from tests.card_schema import assert_valid_card
from tests.unit.test_session_cards import executes

MONDAY = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
UTC_HOURS = WorkingHours("UTC")


def session(
    start: datetime, sid: int = 1, status: SessionStatus = SessionStatus.SCHEDULED
) -> Session:
    return Session(1, start, start + timedelta(hours=1), "a", "a", f"t{sid}", status=status, id=sid)


def test_a_reminder_due_in_working_hours_goes_at_once() -> None:
    now = MONDAY.replace(hour=10)
    assert reminder_send_time(now, now + timedelta(hours=24), UTC_HOURS) == now


def test_a_reminder_due_at_night_waits_for_the_morning_when_the_session_is_later() -> None:
    night = datetime(2026, 6, 1, 23, 0, tzinfo=UTC)
    start = datetime(2026, 6, 2, 23, 0, tzinfo=UTC)
    assert reminder_send_time(night, start, UTC_HOURS) == datetime(2026, 6, 2, 9, 0, tzinfo=UTC)


def test_a_reminder_goes_at_night_rather_than_after_too_short_a_lead() -> None:
    night = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    opens = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    assert reminder_send_time(night, opens + REMINDER_MIN_LEAD, UTC_HOURS) == opens
    early = opens + REMINDER_MIN_LEAD - timedelta(minutes=1)
    assert reminder_send_time(night, early, UTC_HOURS) == night


def test_keys_round_trip_and_strangers_are_refused() -> None:
    detail = reminder_detail(session(MONDAY, sid=42))
    key = FollowUpKey(7, FollowUpKind.SESSION_REMINDER, detail, Role.MENTOR)
    assert parse_follow_up(str(key)) == key
    assert parse_reminder_detail(detail) == (42, MONDAY)
    for stranger in ("contact-check:pairing:7:mentor-ping", "follow-up:pairing:x:cadence:1:mentee"):
        assert parse_follow_up(stranger) is None
    assert parse_follow_up("follow-up:pairing:7:cadence:1:boss") is None


def test_the_cadence_counts_from_the_latest_session_booked_or_the_pairing() -> None:
    pairing = Pairing(1, "a", "b", MONDAY)
    assert rhythm_anchor(pairing, ()) == MONDAY
    later = MONDAY + timedelta(days=20)
    cancelled = session(MONDAY + timedelta(days=40), 2, SessionStatus.CANCELLED)
    assert rhythm_anchor(pairing, (session(later), cancelled)) == later
    assert cadence_due(later, MONDAY, Role.MENTEE, 30, 7) == later + timedelta(days=30)
    nudged = later + timedelta(days=30)
    assert cadence_due(later, nudged, Role.MENTOR, 30, 7) == nudged + timedelta(days=7)


@given(st.lists(st.integers(min_value=0, max_value=200), max_size=8, unique=True))
def test_the_action_plan_prompt_never_comes_before_the_second_session_ends(days: list[int]) -> None:
    sessions = [session(MONDAY + timedelta(days=d), i + 1) for i, d in enumerate(days)]
    due = action_plan_due(sessions)
    if len(days) < 2:
        assert due is None
    else:
        assert due == MONDAY + timedelta(days=sorted(days)[1], hours=1)


def test_reflection_comes_before_the_last_planned_session_or_before_the_end() -> None:
    ends = MONDAY + timedelta(days=180)
    assert reflection_due((), 6, ends) == ends - REFLECTION_BEFORE_END
    sessions = [session(MONDAY + timedelta(days=30 * n), n) for n in range(1, 7)]
    assert reflection_due(sessions, 6, ends) == sessions[-1].starts_at - REFLECTION_LEAD


def test_a_pair_ends_with_its_edition_or_its_own_months_when_rolling() -> None:
    iom = load_programme("iom")  # 2026-02-02 plus six months
    assert pair_ends_at(iom, Pairing(1, "a", "b", datetime(2026, 2, 10, tzinfo=UTC))).date() == (
        date(2026, 8, 2)
    )
    jposc = load_programme("jposc")  # rolling: six months from the pairing
    late = Pairing(1, "a", "b", datetime(2026, 11, 3, 15, tzinfo=UTC))
    assert pair_ends_at(jposc, late).date() == date(2027, 5, 3)


def test_every_preset_sets_its_cadence_from_its_rhythm() -> None:
    days = {
        name: load_programme(name).reminders.cadence_nudge_days
        for name in ("together", "iom", "jposc")
    }
    assert days == {"together": 30, "iom": 35, "jposc": 45}


def test_follow_up_cards_validate_and_offer_schedule_a_session() -> None:
    views = [
        CadenceNudgeView("Together", 3, "Priya Raman", Role.MENTEE, 31, "Twice a month.", 2, 8),
        CadenceNudgeView("Together", 3, "Amina Diallo", Role.MENTOR, 38, "", 0, 8),
        PhasePromptView(
            "IOM", 3, "Priya Raman", Role.MENTEE, False, "Create an action plan", ("Goals",)
        ),
        PhasePromptView("IOM", 3, "Amina Diallo", Role.MENTOR, True, "Reflect", ()),
    ]
    for view in views:
        card = card_for_view(view)
        assert_valid_card(card)
        (schedule,) = [a for a in executes(card) if a["verb"] == "session.offers"]
        assert schedule["data"] == {"verb": "session.offers", "pairing": 3, "new_card": True}


def test_the_survey_opens_on_the_pairs_end_unless_the_pairing_ended_before() -> None:
    programme = load_programme("jposc")  # rolling: six months after pairing
    pairing = Pairing(1, "mentee", "mentor", MONDAY, id=7)
    ends = pair_ends_at(programme, pairing)
    ended = replace(pairing, status=PairingStatus.ENDED)

    assert ends == datetime(2026, 12, 1, tzinfo=UTC)
    assert not survey_open(programme, pairing, ends - timedelta(seconds=1), sent=False)
    assert survey_open(programme, pairing, ends, sent=False)
    assert not survey_open(programme, ended, ends + timedelta(days=30), sent=False)
    assert survey_open(programme, ended, ends + timedelta(days=30), sent=True)
    closed_early = replace(pairing, status=PairingStatus.ENDED, end_reason=COHORT_ENDED)
    assert survey_open(programme, closed_early, ends - timedelta(days=90), sent=False)
