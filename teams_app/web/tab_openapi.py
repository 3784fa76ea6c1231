"""The OpenAPI 3.1 document of the tab API, kept as data next to this module."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from aiohttp import web

DOCUMENT = Path(__file__).with_name("openapi.json")


@cache
def openapi_document() -> dict[str, Any]:
    """The document, read once."""
    loaded: dict[str, Any] = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


async def openapi(request: web.Request) -> web.Response:
    """GET /api/v1/openapi.json."""
    return web.json_response(openapi_document())
