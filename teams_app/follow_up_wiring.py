"""Part of the composition root: the job handlers of a pair's follow-ups."""

from __future__ import annotations

from pathlib import Path

from teams_app.agendas import load_agendas
from teams_app.domain.programme import Programme
from teams_app.services.follow_ups import FollowUps
from teams_app.services.ports import Clock, Notifier
from teams_app.services.scheduling import SessionScheduling
from teams_app.services.session_reminders import SessionReminders
from teams_app.storage.sql_store import SqlStore


def build_follow_ups(
    store: SqlStore,
    notifier: Notifier,
    clock: Clock,
    programme: Programme,
    wiring: tuple[Path, SessionScheduling | None],
) -> FollowUps:
    """The follow-up handler; session reminders only where sessions can be scheduled."""
    programmes_dir, sessions = wiring
    reminders = SessionReminders(sessions) if sessions is not None else None
    agendas = load_agendas(programme, programmes_dir)
    return FollowUps(store, notifier, clock, programme, agendas, reminders)
