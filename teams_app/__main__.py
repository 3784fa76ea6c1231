"""Command line: `python -m teams_app [serve|dev|migrate|check-config]`."""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from teams_app import (
    cli_admin_read,
    cli_audit,
    cli_end_cohort,
    cli_imports,
    cli_match,
    cli_package,
    cli_publish,
    cli_questionnaire,
    cli_survey,
    doctor,
)
from teams_app.config import ConfigError, Settings, load_settings
from teams_app.logs import configure_logging


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m teams_app", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="run Tandem with the configuration from the environment")
    dev = commands.add_parser(
        "dev", help="run on the embedded default: SQLite, dev mode, loopback, demo data"
    )
    dev.add_argument("--port", type=int, default=3978, help="Tandem's port (0: any free one)")
    dev.add_argument("--data-dir", type=Path, default=None, help="where the SQLite file lives")
    dev.add_argument("--no-playground", action="store_true", help="do not start the Playground")
    dev.add_argument("--playground-port", type=int, default=56150)
    dev.add_argument(
        "--demo-cohort",
        action="store_true",
        help="also submit the demo people's applications (2 mentees, 3 mentors) to match",
    )
    dev.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="run as if today were this day (YYYY-MM-DD), e.g. inside a registration window",
    )
    commands.add_parser("migrate", help="apply database migrations and exit")
    commands.add_parser("check-config", help="validate the configuration and presets, then exit")
    commands.add_parser("generate-key", help="print a new key for TANDEM_ENCRYPTION_KEYS")
    commands.add_parser(
        "rotate-keys", help="re-encrypt confidential answers with the first configured key"
    )
    cli_questionnaire.add_parser(commands)
    cli_imports.add_parser(commands)
    cli_publish.add_parser(commands)
    cli_end_cohort.add_parser(commands)
    cli_admin_read.add_parser(commands)
    cli_audit.add_parser(commands)
    cli_survey.add_parser(commands)
    cli_match.add_parser(commands)
    cli_package.add_parser(commands)
    doctor.add_parser(commands)
    return parser


def _dev_environment(args: argparse.Namespace) -> dict[str, str]:
    """The environment of dev mode: explicit dev flag, loopback, embedded SQLite."""
    env = dict(os.environ)
    env["TANDEM_DEV_MODE"] = "true"
    env["TANDEM_HOST"] = "127.0.0.1"
    env["TANDEM_PORT"] = str(args.port)
    env["TANDEM_APP_ID"] = ""
    if not env.get("TANDEM_ADMINS"):
        from teams_app.demo import DEMO_ADMINS

        env["TANDEM_ADMINS"] = ",".join(DEMO_ADMINS)
    if args.data_dir is not None:
        env["TANDEM_DATA_DIR"] = str(args.data_dir)
    return env


def _freeze_startup_objects() -> None:
    """Keep start-up objects (modules, presets, schemas) out of every later full collection.

    botbuilder leaves many short-lived objects per turn; full collections that also walk
    everything loaded at start stalled the event loop for 100-300 ms under load.
    """
    gc.collect()
    gc.freeze()


async def _serve(settings: Settings) -> None:
    from teams_app.bootstrap import build
    from teams_app.server import serve

    tandem = await build(settings)
    _freeze_startup_objects()

    async def announce(port: int) -> None:
        print(f"Tandem is listening on http://{settings.host}:{port}/api/messages", flush=True)

    await serve(tandem.web_app, settings.host, settings.port, announce)


async def _dev(settings: Settings, args: argparse.Namespace) -> None:
    from teams_app.bootstrap import build
    from teams_app.clock import MovableClock, ShiftedClock
    from teams_app.demo import seed_demo_people
    from teams_app.playground import Playground
    from teams_app.server import serve

    # Movable so the Playground's `dev clock +7d` can demo the nudges.
    clock = MovableClock(ShiftedClock(args.today) if args.today else None)
    tandem = await build(settings, clock)
    seeded = await seed_demo_people(tandem.store)
    if args.demo_cohort:
        from teams_app.demo_cohort import seed_demo_cohort

        await seed_demo_cohort(tandem.store, tandem.programme)
    _freeze_startup_objects()
    playground: Playground | None = None

    async def announce(port: int) -> None:
        nonlocal playground
        day = f", today is {args.today.isoformat()}" if args.today else ""
        print(f"Tandem (dev mode, {seeded} demo people, programme {tandem.programme.id}{day})")
        print(f"  bot endpoint  http://127.0.0.1:{port}/api/messages")
        print(f"  health        http://127.0.0.1:{port}/healthz")
        print(f"  My mentoring  http://127.0.0.1:{port}/tab/my-mentoring   (dev sign-in)")
        print(f"  dashboard     http://127.0.0.1:{port}/tab/dashboard")
        if not args.no_playground:
            playground = Playground(bot_port=port, port=args.playground_port)
            await playground.start()
            print(f"  Playground    {playground.url}   (open it in a browser)")
        print("Press Ctrl-C to stop.", flush=True)

    try:
        await serve(tandem.web_app, settings.host, settings.port, announce)
    finally:
        if playground is not None:
            await playground.stop()


async def _migrate(settings: Settings) -> None:
    from teams_app.bootstrap import open_store

    store = await open_store(settings)
    await store.close()
    print("Database is at the newest schema.")


async def _rotate_keys(settings: Settings) -> None:
    from teams_app.bootstrap import open_store

    store = await open_store(settings)
    try:
        count = await store.rotate_confidential()
        notes = await store.rotate_case_notes()
    finally:
        await store.close()
    print(
        f"Re-encrypted {count} applications and {notes} case notes with the first key; "
        "older keys can now go."
    )


def _check(settings: Settings) -> None:
    from teams_app.presets import load_programme

    programme = load_programme(settings.programme, settings.programmes_dir)
    print(f"Configuration is valid; programme {programme.id} ({programme.name}).")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; configuration problems end with one line and exit status 2."""
    from teams_app.domain.programme import PresetError

    args = _parser().parse_args(argv)
    command = args.command or "serve"
    if command == "generate-key":
        from teams_app.storage.cipher import generate_key

        print(generate_key())
        return 0
    if command == "questionnaire":  # needs a preset only, not the environment's settings
        return cli_questionnaire.run(args)
    if command in cli_imports.COMMANDS:  # opens the store itself, with the same settings
        return cli_imports.run(args)
    if command == cli_match.COMMAND:  # reads a file or opens the store itself
        return cli_match.run(args)
    if command == cli_publish.COMMAND:
        return cli_publish.run(args)
    if command == cli_end_cohort.COMMAND:
        return cli_end_cohort.run(args)
    if command == cli_audit.COMMAND:
        return cli_audit.run(args)
    if command == cli_admin_read.COMMAND:
        return cli_admin_read.run(args)
    if command == cli_survey.COMMAND:
        return cli_survey.run(args)
    if command == doctor.COMMAND:  # reports a bad configuration as a finding
        return doctor.run(args)
    if command == cli_package.COMMAND:  # needs ids and addresses only, never secrets
        return cli_package.run(args)
    try:
        env = _dev_environment(args) if command == "dev" else None
        settings = load_settings(env)
        configure_logging(settings.log_level)
        if command == "dev":
            asyncio.run(_dev(settings, args))
        elif command == "serve":
            asyncio.run(_serve(settings))
        elif command == "migrate":
            asyncio.run(_migrate(settings))
        elif command == "rotate-keys":
            asyncio.run(_rotate_keys(settings))
        else:
            _check(settings)
    except (ConfigError, PresetError, FileNotFoundError) as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
