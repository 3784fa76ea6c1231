"""`set admin channel`: an administrator chooses the channel that receives the programme's cases."""

from __future__ import annotations

from teams_app.domain.admin_cases import AdminChannel
from teams_app.domain.commands import TEAM_COMMANDS
from teams_app.services.case_desk import CaseDesk
from teams_app.services.case_views import AdminChannelSetView


class ChannelSetup(CaseDesk):
    """Records the administrators' channel and posts the cases that waited for one."""

    async def set_channel(
        self, actor: str | None, conversation_id: str, team_id: str | None
    ) -> AdminChannelSetView | None:
        """Make this channel the administrators' one; None (refusal audited) for others."""
        subject = f"channel:{conversation_id}"
        if not await self.parts.admins.check(actor, "admin_channel.set", subject):
            return None
        assert actor is not None
        channel = AdminChannel(self.programme.id, conversation_id, team_id, actor, self.clock.now())
        await self.store.set_admin_channel(channel)
        await self.parts.admins.record(actor, "admin_channel.set", subject)
        await self._post_waiting_cases()
        return AdminChannelSetView(
            self.programme.name, tuple(c.command.value for c in TEAM_COMMANDS)
        )

    async def _post_waiting_cases(self) -> None:
        """Cases opened before there was a channel get their card now."""
        cohort = await self.cohort()
        for case in await self.store.list_cases(cohort.id, waiting_only=True):
            if case.channel_activity_id:
                continue
            pairing = await self.store.get_pairing(case.pairing_id)
            if pairing is not None:
                await self.show(case, pairing)
