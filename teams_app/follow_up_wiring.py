"""Part of the composition root: the job handlers of a pair's follow-ups, and the survey."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from teams_app.agendas import load_agendas
from teams_app.domain.programme import Programme
from teams_app.services.follow_ups import FollowUps
from teams_app.services.ports import Clock, Notifier
from teams_app.services.scheduling import SessionScheduling
from teams_app.services.session_reminders import SessionReminders
from teams_app.services.surveys import Surveys
from teams_app.storage.sql_store import SqlStore
from teams_app.surveys import load_survey


def build_follow_ups(
    store: SqlStore,
    notifier: Notifier,
    clock: Clock,
    programme: Programme,
    wiring: tuple[Path, SessionScheduling | None, Sequence[str]],
) -> tuple[FollowUps, Surveys | None]:
    """The follow-up handler (session reminders only where sessions can be scheduled) and
    the end-of-programme survey (None when the programme has none)."""
    programmes_dir, sessions, admins = wiring
    reminders = SessionReminders(sessions) if sessions is not None else None
    agendas = load_agendas(programme, programmes_dir)
    survey = load_survey(programme, programmes_dir)
    surveys = Surveys(store, programme, survey, admins) if survey is not None else None
    send_survey = surveys.for_follow_up if surveys is not None else None
    handler = FollowUps(store, notifier, clock, programme, agendas, reminders, send_survey)
    return handler, surveys
