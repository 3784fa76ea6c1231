"""What a person can type to Tandem, and how free text maps to a command."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Command(StrEnum):
    """The commands Tandem understands in chat."""

    HELP = "help"
    SIGN_UP = "sign up"
    SIGN_UP_MENTEE = "sign up as mentee"
    SIGN_UP_MENTOR = "sign up as mentor"
    MY_REGISTRATION = "my registration"
    MY_SUGGESTIONS = "my suggestions"
    FIND_MENTOR = "find a mentor"
    SCHEDULE = "schedule"
    NEW_MATCH = "new match"
    REPORT_CONFLICT = "report a conflict"
    SET_ADMIN_CHANNEL = "set admin channel"
    OPEN_REGISTRATION = "open registration"
    CLOSE_REGISTRATION = "close registration"
    RUN_MATCHING = "run matching"
    PUBLISH = "publish"
    STATUS = "status"
    EXPORT = "export"
    END_COHORT = "end cohort"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CommandHelp:
    """A command as the help card lists it."""

    command: Command
    description: str


PERSONAL_COMMANDS: tuple[CommandHelp, ...] = (
    CommandHelp(Command.HELP, "Show what Tandem can do."),
    CommandHelp(Command.SIGN_UP_MENTEE, "Apply to the programme as a mentee."),
    CommandHelp(Command.SIGN_UP_MENTOR, "Apply to the programme as a mentor."),
    CommandHelp(Command.MY_REGISTRATION, "See, edit or withdraw your registration."),
    CommandHelp(
        Command.MY_SUGGESTIONS, "See your suggested mentors and where your request stands."
    ),
    CommandHelp(Command.SCHEDULE, "Find a time with your mentor or mentee and book a meeting."),
    CommandHelp(Command.NEW_MATCH, "Ask the programme administrators for a new match."),
    CommandHelp(Command.REPORT_CONFLICT, "Report a conflict of interest, confidentially."),
)

# Typed in the administrators' channel (with an @mention of Tandem).
TEAM_COMMANDS: tuple[CommandHelp, ...] = (
    CommandHelp(Command.HELP, "Show what Tandem can do."),
    CommandHelp(
        Command.SET_ADMIN_CHANNEL,
        "Administrators: make this channel the one that receives the programme's cases.",
    ),
    CommandHelp(Command.OPEN_REGISTRATION, "Administrators: accept applications again."),
    CommandHelp(Command.CLOSE_REGISTRATION, "Administrators: stop accepting applications."),
    CommandHelp(Command.RUN_MATCHING, "Administrators: see the matching before publishing it."),
    CommandHelp(Command.PUBLISH, "Administrators: send the matching out (never twice)."),
    CommandHelp(Command.STATUS, "Administrators: the cohort's funnel."),
    CommandHelp(Command.EXPORT, "Administrators: the pairs as CSV, sent only to you."),
    CommandHelp(
        Command.END_COHORT,
        "Administrators: end the cohort, send the survey, schedule the data's deletion.",
    ),
)

_ALIASES: dict[str, Command] = {
    "help": Command.HELP,
    "?": Command.HELP,
    "hi": Command.HELP,
    "hello": Command.HELP,
    "commands": Command.HELP,
    "sign up": Command.SIGN_UP,
    "signup": Command.SIGN_UP,
    "register": Command.SIGN_UP,
    "sign up as mentee": Command.SIGN_UP_MENTEE,
    "sign up as a mentee": Command.SIGN_UP_MENTEE,
    "sign up as mentor": Command.SIGN_UP_MENTOR,
    "sign up as a mentor": Command.SIGN_UP_MENTOR,
    "my registration": Command.MY_REGISTRATION,
    "my suggestions": Command.MY_SUGGESTIONS,
    "suggestions": Command.MY_SUGGESTIONS,
    "my mentors": Command.MY_SUGGESTIONS,
    "my match": Command.MY_SUGGESTIONS,
    "find a mentor": Command.FIND_MENTOR,
    "find mentor": Command.FIND_MENTOR,
    "search mentors": Command.FIND_MENTOR,
    "schedule": Command.SCHEDULE,
    "schedule a session": Command.SCHEDULE,
    "new match": Command.NEW_MATCH,
    "request a new match": Command.NEW_MATCH,
    "report a conflict": Command.REPORT_CONFLICT,
    "report conflict": Command.REPORT_CONFLICT,
    "report a conflict of interest": Command.REPORT_CONFLICT,
    "set admin channel": Command.SET_ADMIN_CHANNEL,
    "set as admin channel": Command.SET_ADMIN_CHANNEL,
    "open registration": Command.OPEN_REGISTRATION,
    "close registration": Command.CLOSE_REGISTRATION,
    "run matching": Command.RUN_MATCHING,
    "run the matching": Command.RUN_MATCHING,
    "publish": Command.PUBLISH,
    "publish matching": Command.PUBLISH,
    "status": Command.STATUS,
    "cohort status": Command.STATUS,
    "export": Command.EXPORT,
    "export pairs": Command.EXPORT,
    "end cohort": Command.END_COHORT,
    "end the cohort": Command.END_COHORT,
}

_NOISE = re.compile(r"[^\w]+", re.UNICODE)
MAX_COMMAND_LENGTH = 200


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces, punctuation dropped ('?' alone stays)."""
    if text.strip() == "?":
        return "?"
    return " ".join(_NOISE.sub(" ", text.casefold()).split())


def parse_command(text: str | None) -> Command:
    """The command a typed message asks for, or UNKNOWN."""
    if not text or len(text) > MAX_COMMAND_LENGTH:
        return Command.UNKNOWN
    return _ALIASES.get(normalise(text), Command.UNKNOWN)
