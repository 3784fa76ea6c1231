"""The Teams app manifest, filled from Tandem's configuration.

The template (`template.json`) holds `${{NAME}}` placeholders, the Agents Toolkit's syntax, so
the same file reads naturally to an engineer who knows the Toolkit.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

TEMPLATE = Path(__file__).with_name("template.json")
# The newest numbered (GA) schema that npm @microsoft/app-manifest 1.1.2 ships.
MANIFEST_VERSION = "1.30"
_PLACEHOLDER = re.compile(r"\$\{\{([A-Z_]+)\}\}")


class ManifestError(Exception):
    """The manifest cannot be built from this configuration; `str()` is one line."""


@dataclass(frozen=True)
class ManifestValues:
    """What the template needs from the configuration."""

    bot_id: str
    public_url: str
    app_version: str = "1.0.0"
    teams_app_id: str = ""
    developer_name: str = "Tandem"

    def placeholders(self) -> dict[str, str]:
        """The value of every placeholder, after checking each one."""
        bot_id = _guid("TANDEM_APP_ID (the bot's Microsoft Entra app id)", self.bot_id)
        app_id = _guid("TANDEM_TEAMS_APP_ID", self.teams_app_id) if self.teams_app_id else bot_id
        url = _https_url(self.public_url)
        if not re.fullmatch(r"\d+\.\d+\.\d+", self.app_version):
            raise ManifestError(f"app version {self.app_version!r}: must look like 1.2.3")
        return {
            "MANIFEST_VERSION": MANIFEST_VERSION,
            "APP_VERSION": self.app_version,
            "TEAMS_APP_ID": app_id,
            "BOT_ID": bot_id,
            "PUBLIC_URL": url,
            "PUBLIC_HOST": urlsplit(url).netloc,
            "DEVELOPER_NAME": self.developer_name,
        }


def fill(values: ManifestValues, template: Path = TEMPLATE) -> dict[str, Any]:
    """The manifest as a dict: the template with every placeholder replaced."""
    known = values.placeholders()
    text = template.read_text(encoding="utf-8")
    missing = sorted({name for name in _PLACEHOLDER.findall(text) if name not in known})
    if missing:
        raise ManifestError(f"{template.name}: unknown placeholder(s) {', '.join(missing)}")
    filled = _PLACEHOLDER.sub(lambda m: known[m.group(1)], text)
    try:
        manifest: dict[str, Any] = json.loads(filled)
    except json.JSONDecodeError as error:
        raise ManifestError(f"{template.name}: not valid JSON: {error}") from None
    return manifest


def _guid(name: str, raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise ManifestError(f"{name} is {raw!r}: a Teams app package needs a GUID") from None


def _https_url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment:
        raise ManifestError(
            f"TANDEM_PUBLIC_URL is {raw!r}: Teams needs the https:// address where Tandem is "
            "reached, e.g. https://tandem.example.org"
        )
    return raw.rstrip("/")
