"""The application permissions Tandem asks for in Microsoft Graph, each with its reason.

All are app-only (application) permissions and need an administrator's consent; `doctor`
names the missing ones from this table.
"""

from __future__ import annotations

from types import MappingProxyType

CALENDARS_READ_WRITE = "Calendars.ReadWrite"
MAILBOX_SETTINGS_READ = "MailboxSettings.Read"
USER_READ_ALL = "User.Read.All"
TEAMS_APP_INSTALL = "TeamsAppInstallation.ReadWriteSelfForUser.All"

REQUIRED_PERMISSIONS = MappingProxyType(
    {
        CALENDARS_READ_WRITE: (
            "create, move and cancel the session invitation on the organiser's calendar, and "
            "read both people's free/busy time (calendar/getSchedule) to offer free slots"
        ),
        MAILBOX_SETTINGS_READ: (
            "read each person's time zone and working hours, so offers fall inside both"
        ),
        USER_READ_ALL: "find a person by user principal name or object id, with their e-mail",
        TEAMS_APP_INSTALL: (
            "install Tandem for a person who has not yet opened it, so reminders can reach them"
        ),
    }
)
