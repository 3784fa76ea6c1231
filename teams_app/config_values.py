"""Parsers of single setting values (ValueError when unreadable); config.py names the key."""

from __future__ import annotations

import ipaddress
from datetime import datetime
from enum import StrEnum

SECONDS = "a number of seconds from 0.05 to 86400"


def seconds(raw: str) -> float:
    """A duration in seconds, at least 0.05 (a busy loop) and at most a day."""
    value = float(raw)
    if not 0.05 <= value <= 86400:
        raise ValueError(raw)
    return value


def instant(raw: str) -> datetime:
    """An ISO 8601 instant carrying its UTC offset (a naive time has no meaning here)."""
    value = datetime.fromisoformat(raw)
    if value.tzinfo is None:
        raise ValueError(raw)
    return value


def boolean(raw: str) -> bool:
    """true/false, yes/no, on/off or 1/0."""
    lowered = raw.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(raw)


def port_number(raw: str) -> int:
    """A TCP port (0: any free one)."""
    value = int(raw)
    if not 0 <= value <= 65535:
        raise ValueError(raw)
    return value


def id_list(raw: str) -> tuple[str, ...]:
    """Comma- (or semicolon-) separated ids, blanks dropped."""
    return tuple(part.strip() for part in raw.replace(";", ",").split(",") if part.strip())


def log_level(raw: str) -> str:
    """DEBUG, INFO, WARNING or ERROR, any case."""
    level = raw.upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ValueError(raw)
    return level


def database_url(raw: str) -> str:
    """A sqlite or postgresql URL."""
    if not raw.startswith(("sqlite", "postgresql")):
        raise ValueError(raw)
    return raw


def programme_name(raw: str) -> str:
    """A preset name: letters, digits, - and _."""
    if not raw.replace("-", "").replace("_", "").isalnum():
        raise ValueError(raw)
    return raw


def worker_count(raw: str) -> int:
    """How many processes share the database: 1 to 64."""
    value = int(raw)
    if not 1 <= value <= 64:
        raise ValueError(raw)
    return value


def send_rate(raw: str) -> float:
    """Messages a second, above 0 and at most 1000."""
    value = float(raw)
    if not 0 < value <= 1000:
        raise ValueError(raw)
    return value


def http_url(raw: str) -> str:
    """An https URL, or http on loopback (tests, doubles)."""
    scheme = raw.partition("://")[0]
    host = url_host(raw)
    if (scheme == "https" and host) or (scheme == "http" and is_loopback(host)):
        return raw.rstrip("/")
    raise ValueError(raw)


def url_host(url: str) -> str:
    """The host of a URL, without port or IPv6 brackets."""
    return url.partition("://")[2].split("/", 1)[0].rsplit(":", 1)[0].strip("[]")


def choices(enum: type[StrEnum]) -> str:
    """The values of an enum, for the allowed-values text."""
    return ", ".join(member.value for member in enum)


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
