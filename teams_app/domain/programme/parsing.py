"""`parse_programme`: an already-parsed preset mapping in, a validated `Programme` out."""

from __future__ import annotations

import re
from collections.abc import Mapping

from teams_app.domain.programme.definition import Programme
from teams_app.domain.programme.reader import TableReader
from teams_app.domain.programme.registration_parsing import REGISTRATION_KEYS, parse_registration
from teams_app.domain.programme.rules_parsing import (
    ELIGIBILITY_KEYS,
    MATCHING_KEYS,
    REMINDER_KEYS,
    SESSIONS_KEYS,
    SLUG,
    parse_eligibility,
    parse_matching,
    parse_reminders,
    parse_sessions,
)

TOP_KEYS = ("programme", "sessions", "registration", "eligibility", "matching", "reminders")
PROGRAMME_KEYS = (
    "id",
    "name",
    "organisation",
    "summary",
    "duration_months",
    "edition",
    "starts_on",
    "contact",
    "contact_name",
    "retention_days",
)
# No seed states a retention period: a year after the cohort ends is our configurable default.
DEFAULT_RETENTION_DAYS = 365
EMAIL = r"[^@\s]+@[^@\s]+\.[^@\s.]+"
EDITION = r"\d{4}(-\d{2}|-\d{4})?"
SUMMARY_ALLOWED = "1 to 3 sentences for the welcome card, at most 500 characters"
# A sentence ends with . ! or ? followed by a space or the end of the text.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def parse_programme(raw: Mapping[str, object], source: str) -> Programme:
    """Validate a parsed preset; raise `PresetError` naming `source` and the dotted key."""
    top = TableReader(raw, "", source, TOP_KEYS)
    about = top.table("programme", PROGRAMME_KEYS)
    duration = about.whole("duration_months", 1, 24)
    starts_on = about.optional_day("starts_on")
    return Programme(
        id=about.text("id", "a short lowercase name like 'iom' (a-z, 0-9, - and _)", SLUG),
        name=about.text("name", "a name of 1 to 120 characters", max_length=120),
        organisation=about.text("organisation", "a name of 1 to 120 characters", max_length=120),
        summary=_parse_summary(about),
        duration_months=duration,
        edition=about.text("edition", 'the edition in quotes, like "2026" or "2026-27"', EDITION),
        contact=about.text("contact", "an e-mail address like mentoring@example.org", EMAIL),
        contact_name=about.optional_text("contact_name", "a name of 1 to 120 characters"),
        starts_on=starts_on,
        sessions=parse_sessions(top.table("sessions", SESSIONS_KEYS), duration),
        registration=parse_registration(top.table("registration", REGISTRATION_KEYS), starts_on),
        eligibility=parse_eligibility(top.table("eligibility", ELIGIBILITY_KEYS)),
        matching=parse_matching(top.table("matching", MATCHING_KEYS)),
        reminders=parse_reminders(top.table("reminders", REMINDER_KEYS)),
        source=source,
        retention_days=about.whole("retention_days", 30, 3650, DEFAULT_RETENTION_DAYS),
    )


def _parse_summary(about: TableReader) -> str:
    summary = " ".join(about.text("summary", SUMMARY_ALLOWED, max_length=500).split())
    if not 1 <= len(_SENTENCE_END.findall(summary)) <= 3:
        about.reject("summary", SUMMARY_ALLOWED, summary)
    return summary
