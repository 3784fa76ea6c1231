"""Cheap checks on an incoming activity before botbuilder sees it.

botbuilder answers malformed bodies with a stack trace or a bare 500; an administrator reading
logs, and a caller reading the answer, deserve a short reason instead.
"""

from __future__ import annotations

import json
from typing import Any

MAX_BODY_BYTES = 256 * 1024  # Teams caps a message at about 100 KB of text; leave room for cards


class ActivityRejected(ValueError):
    """An activity that cannot be processed; `str()` is the reason sent back with a 400."""


def _field(body: dict[str, Any], path: str) -> object:
    value: object = body
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


REQUIRED_TEXT_FIELDS = ("type", "serviceUrl", "conversation.id", "from.id", "recipient.id")


def parse_activity(raw: bytes) -> dict[str, Any]:
    """The activity as a dict, or ActivityRejected naming the first problem."""
    if len(raw) > MAX_BODY_BYTES:
        raise ActivityRejected(f"body is larger than {MAX_BODY_BYTES // 1024} KB")
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ActivityRejected("body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ActivityRejected("body must be a JSON object (an activity)")
    for path in REQUIRED_TEXT_FIELDS:
        value = _field(body, path)
        if not isinstance(value, str) or not value.strip():
            raise ActivityRejected(f"activity is missing {path}")
    service_url = str(body["serviceUrl"])
    if not service_url.startswith(("https://", "http://")):
        raise ActivityRejected("activity serviceUrl must be an http(s) URL")
    text = body.get("text")
    if text is not None and not isinstance(text, str):
        raise ActivityRejected("activity text must be a string")
    return body
