"""The aiohttp application: /api/messages, /healthz, and later the tab and its API."""
