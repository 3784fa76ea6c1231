"""`python -m teams_app audit`: the audit log, newest first (who, what, when, which record)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from teams_app.config import ConfigError, Settings, load_settings
from teams_app.domain.audit import AuditEntry
from teams_app.logs import configure_logging

COMMAND = "audit"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `audit` on the main parser's subcommands."""
    audit = subparsers.add_parser(COMMAND, help="list the audit log, newest first")
    audit.add_argument("--limit", type=_positive, default=100, help="how many entries (100)")
    audit.add_argument("--actor", default=None, help="only this AAD object id")
    audit.add_argument("--action", default=None, help="only actions starting with this")
    audit.add_argument("--json", action="store_true", help="one JSON object per line")


def run(args: argparse.Namespace) -> int:
    """Print the entries; 2 with one line when the configuration is wrong."""
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        entries = asyncio.run(_entries(settings, args))
    except ConfigError as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    for entry in entries:
        print(_json_line(entry) if args.json else _text_line(entry))
    if not entries and not args.json:
        print("No audit entries match.", file=sys.stderr)
    return 0


async def _entries(settings: Settings, args: argparse.Namespace) -> list[AuditEntry]:
    from teams_app.bootstrap import open_store

    store = await open_store(settings)
    try:
        # Filters apply after the read: the log is read by people, not scanned at scale.
        entries = list(await store.list_audit(limit=args.limit if not _filtered(args) else 100_000))
    finally:
        await store.close()
    if args.actor:
        entries = [e for e in entries if e.actor == args.actor]
    if args.action:
        entries = [e for e in entries if e.action.startswith(args.action)]
    return entries[: args.limit]


def _filtered(args: argparse.Namespace) -> bool:
    return bool(args.actor or args.action)


def _text_line(entry: AuditEntry) -> str:
    detail = " ".join(f"{k}={v}" for k, v in sorted(entry.detail.items()))
    stamp = entry.at.strftime("%Y-%m-%d %H:%M:%SZ")
    return f"{stamp}  {entry.actor:<36}  {entry.action:<28}  {entry.subject}  {detail}".rstrip()


def _json_line(entry: AuditEntry) -> str:
    return json.dumps(
        {
            "at": entry.at.isoformat(),
            "actor": entry.actor,
            "action": entry.action,
            "subject": entry.subject,
            "detail": entry.detail,
        },
        ensure_ascii=False,
    )


def _positive(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value
