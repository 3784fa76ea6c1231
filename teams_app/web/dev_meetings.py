"""The page behind the local development calendar's join links (dev mode only)."""

from __future__ import annotations

from aiohttp import web

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tandem dev meeting</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto;">
<h1>Tandem development calendar</h1>
<p>This link stands in for a Microsoft Teams meeting. Tandem is running in dev mode without
Microsoft Graph, so the session was booked in Tandem's local calendar only: no Teams meeting
and no Outlook invitation exist.</p>
<p>Configure <code>TANDEM_GRAPH_AUTH</code> to book real Teams meetings.</p>
</body></html>
"""


async def dev_meeting_page(request: web.Request) -> web.Response:
    """GET /dev/meetings/{event_id}: says plainly that no Teams meeting exists."""
    return web.Response(text=PAGE, content_type="text/html")
