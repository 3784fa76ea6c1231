"""Serving a benchmark's own aiohttp app on 127.0.0.1 until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import signal

from aiohttp import web


async def serve_until_signal(app: web.Application, announce: str, port: int = 0) -> None:
    """Serve `app`; print `announce` followed by the bound URL once it listens."""
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    bound = next(a[1] for a in runner.addresses if isinstance(a, tuple))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    # The parent reads this line from our stdout to learn the port; debug tells it whether
    # PYTHONASYNCIODEBUG took effect.
    print(f"{announce} http://127.0.0.1:{bound} asyncio-debug={loop.get_debug()}", flush=True)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
