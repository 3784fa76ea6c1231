"""Short-lived, signed download links for an administrator's cohort export (CSV)."""

from __future__ import annotations

import logging
from http import HTTPStatus

from aiohttp import web

from teams_app.services.admin_access import Administrators
from teams_app.services.cohort_export import LINK_MINUTES, ExportStore, pairs_csv
from teams_app.services.ports import Clock
from teams_app.storage.cipher import AnswerCipher

log = logging.getLogger(__name__)

EXPIRED = "This export link has expired or is not valid. Type “@Tandem export” again."


class SignedExportLinks:
    """Links sealed with the answers' key: any replica opens them, nobody can forge them."""

    def __init__(self, cipher: AnswerCipher, base_url: str, clock: Clock) -> None:
        self._cipher = cipher
        self._base = base_url.rstrip("/")
        self._clock = clock

    def link_for(self, cohort_id: int, admin: str) -> str:
        """The download URL of one cohort's export for one administrator."""
        now = self._clock.now().timestamp()
        token = self._cipher.seal({"cohort": cohort_id, "admin": admin}, now)
        return f"{self._base}/exports/{token.decode('ascii')}"

    def open(self, token: str) -> tuple[int, str] | None:
        """(cohort id, administrator) of a link still fresh; None otherwise."""
        now = self._clock.now().timestamp()
        try:
            document = self._cipher.open_fresh(token.encode("ascii"), LINK_MINUTES * 60, now)
        except (UnicodeEncodeError, ValueError):
            return None
        if document is None:
            return None
        cohort, admin = document.get("cohort"), document.get("admin")
        if not isinstance(cohort, int) or not isinstance(admin, str):
            return None
        return cohort, admin


def add_export_route(
    app: web.Application, links: SignedExportLinks, store: ExportStore, admins: Administrators
) -> None:
    """GET /exports/{token}: the CSV, for a fresh link of a current administrator; audited."""

    async def download(request: web.Request) -> web.Response:
        opened = links.open(request.match_info["token"])
        if opened is None:
            return web.json_response({"error": EXPIRED}, status=HTTPStatus.NOT_FOUND)
        cohort_id, admin = opened
        if not await admins.check(admin, "cohort.exported", f"cohort:{cohort_id}"):
            return web.json_response(
                {"error": "Only programme administrators can download this export."},
                status=HTTPStatus.FORBIDDEN,
            )
        text = await pairs_csv(store, cohort_id)
        await admins.record(admin, "cohort.exported", f"cohort:{cohort_id}")
        return web.Response(
            text=text,
            content_type="text/csv",
            charset="utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="tandem-cohort-{cohort_id}.csv"',
                "Cache-Control": "no-store",
            },
        )

    app.router.add_get("/exports/{token}", download)
