"""The port that opens a way back to a person Teams says Tandem cannot reach (403/404)."""

from __future__ import annotations

from typing import Protocol


class AppInstaller(Protocol):
    """Installs Tandem in a person's personal scope and finds its 1:1 chat with them."""

    async def personal_chat(self, user_aad_id: str) -> str | None:
        """Install Tandem for the person (unless it is), then the id of the bot's chat with them.

        None when that cannot be done: a permission missing, an unknown person, Graph down.
        """
        ...
