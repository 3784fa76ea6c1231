"""The `end cohort` card in the administrators' channel: the confirmation, then the outcome."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from microsoft_teams.cards import CardElement

from cards.admin_cases import facts
from cards.base import button, header, paragraph, render
from cards.signup import notice_box
from teams_app.services.cohort_ending import day
from teams_app.services.cohort_views import EndCohortView, EndStage

VERB_END_CONFIRM = "cohort.end.confirm"  # data: cohort
VERB_END_CANCEL = "cohort.end.cancel"  # data: cohort
COHORT_END_VERBS = frozenset({VERB_END_CONFIRM, VERB_END_CANCEL})


def end_cohort_card(view: EndCohortView) -> dict[str, Any]:
    """The confirmation with Confirm / Cancel, or what happened, in place of it."""
    if view.stage is EndStage.ASKING:
        return _asking(view)
    if view.stage is EndStage.CANCELLED:
        who = view.by_name or "an administrator"
        when = f" on {_moment(view.at)}" if view.at else ""
        body = [
            *header("Ending the cohort was cancelled", _subtitle(view)),
            paragraph(f"Cancelled by {who}{when}. Nothing was changed or sent."),
        ]
        return render(body, speak="Ending the cohort was cancelled.")
    return _ended(view)


def _asking(view: EndCohortView) -> dict[str, Any]:
    pairs = _pairs(view.active_pairs, "active pair")
    body: list[CardElement] = [
        *header("End this cohort?", _subtitle(view)),
        paragraph("Confirming will, at once:", spacing="Medium"),
        facts(
            [
                ("Pairs", f"end the {pairs}, as their programme is over"),
                ("Survey", f"send both people of the {pairs} the end-of-programme survey now"),
                ("Registration", "stay closed"),
                ("Personal data", f"be deleted on {day(view.erase_on)}"),
            ]
        ),
        notice_box(
            "This cannot be undone. On the deletion date Tandem erases applications, "
            "suggestions, requests, case notes, agreements, journals, survey texts and the "
            "records of people who take part in no other cohort; only anonymous counts remain.",
            "attention",
        ),
    ]
    confirm = button(
        "Confirm: end the cohort", VERB_END_CONFIRM, "destructive", cohort=view.cohort_id
    )
    cancel = button("Cancel", VERB_END_CANCEL, cohort=view.cohort_id)
    return render(body, [confirm, cancel], speak="End this cohort?")


def _ended(view: EndCohortView) -> dict[str, Any]:
    who = view.by_name or "an administrator"
    when = _moment(view.at) if view.at else "–"
    if view.deleted_at is not None:
        data_line = f"deleted on {day(view.deleted_at)}"
    else:
        data_line = f"will be deleted on {day(view.erase_on)}"
    body: list[CardElement] = [
        *header("Cohort ended", _subtitle(view)),
        facts(
            [
                ("Ended by", who),
                ("When", when),
                ("Survey sent to", f"both people of {_pairs(view.active_pairs, 'pair')}"),
                ("Personal data", data_line),
            ]
        ),
    ]
    if view.stage is EndStage.ALREADY:
        body.append(notice_box("It had ended already: nobody is sent anything twice.", "good"))
    else:
        body.append(
            paragraph(
                "Each person gets the survey in their personal chat, in their working hours.",
                is_subtle=True,
            )
        )
    return render(body, speak="Cohort ended.")


def _pairs(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _subtitle(view: EndCohortView) -> str:
    return f"{view.programme_name} · {view.cohort_name}"


def _moment(at: datetime) -> str:
    return f"{day(at)}, {at:%H:%M} UTC"
