"""`python -m teams_app questionnaire`: show a programme's sign-up questionnaire."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from teams_app.domain.programme import PresetError, Role
from teams_app.domain.questionnaire import Question, Questionnaire, questionnaire_for, to_json
from teams_app.presets import PROGRAMMES_DIRECTORY, load_programme

# Beyond this many choices the outline counts them instead of listing them.
_LISTED_CHOICES = 12


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `questionnaire` subcommand on the main parser's subcommands."""
    parser = subparsers.add_parser(
        "questionnaire", help="print a programme's sign-up questionnaire and exit"
    )
    parser.add_argument("--programme", required=True, help="preset name (iom) or path (./x.toml)")
    parser.add_argument("--json", action="store_true", help="print the definition as JSON")
    parser.add_argument(
        "--programmes-dir",
        type=Path,
        default=PROGRAMMES_DIRECTORY,
        help="where preset names are looked up",
    )


def run(args: argparse.Namespace) -> int:
    """Print the questionnaire; an unknown or broken preset gives one line and status 2."""
    try:
        programme = load_programme(args.programme, args.programmes_dir)
    except PresetError as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    questionnaire = questionnaire_for(programme)
    if args.json:
        return _emit(json.dumps(to_json(questionnaire), indent=2, ensure_ascii=False))
    return _emit(outline(questionnaire, programme.name))


def outline(questionnaire: Questionnaire, title: str) -> str:
    """A readable outline: each step with its intro and one line per question."""
    counts = {role: len(questionnaire.steps_for(role)) for role in Role}
    lines = [
        f"{title}: sign-up questionnaire",
        f"{len(questionnaire.steps)} steps; mentors see {counts[Role.MENTOR]}, "
        f"mentees see {counts[Role.MENTEE]}.",
    ]
    for number, step in enumerate(questionnaire.steps, start=1):
        lines += ["", f"{number}. {step.title}  [{step.id}]", f"   {step.intro}"]
        for question_id in step.question_ids:
            question = questionnaire.question(question_id)
            lines.append(f"   - {question.id} ({_details(question)}): {question.label}")
            if question.choices:
                lines.append(f"       choices: {_choices(question)}")
    return "\n".join(lines)


def _emit(text: str) -> int:
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # Piped into `head` or a pager that quit early: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _details(question: Question) -> str:
    parts = [str(question.kind), "required" if question.required else "optional"]
    parts.append(f"{question.visibility} visibility")
    if len(question.roles) == 1:
        parts.append(f"{question.roles[0]}s only")
    limits = {
        "at most": question.max_choices,
        "min length": question.min_length,
        "max length": question.max_length,
        "min": question.min_value,
        "max": question.max_value,
    }
    parts += [f"{name} {value}" for name, value in limits.items() if value is not None]
    if question.past_only:
        parts.append("not in the future")
    if question.prefill_from is not None:
        parts.append(f"prefilled from HR {question.prefill_from}")
    return ", ".join(parts)


def _choices(question: Question) -> str:
    ids = question.choice_ids()
    if len(ids) > _LISTED_CHOICES:
        return f"{len(ids)} choices, e.g. {', '.join(ids[:3])}…"
    return ", ".join(ids)
