"""Cards of the cohort commands in the administrators' channel."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import CardElement, OpenUrlAction

from cards.admin_cases import facts
from cards.base import header, paragraph, render
from cards.signup import notice_box
from teams_app.services.cohort_views import (
    CohortNotice,
    ExportLinkView,
    FunnelView,
    MatchingSummaryView,
    PublishProgressView,
)

MAX_LISTED = 15  # unmatched mentees named on the card; the dashboard lists them all


def matching_summary_card(view: MatchingSummaryView) -> dict[str, Any]:
    """`run matching`: the result before anything is sent."""
    share = f"{view.matched / view.mentees:.0%}" if view.mentees else "–"
    body: list[CardElement] = [
        *header("Matching preview: nothing has been sent", view.programme_name),
        facts(
            [
                ("Mentees to match", str(view.mentees)),
                ("Mentors with places", str(view.mentors)),
                ("Would be matched", f"{view.matched} ({share})"),
                ("Optimality", "certified optimal" if view.certified else "not certified"),
            ]
        ),
        paragraph("Pairs by score", weight="Bolder", spacing="Medium"),
        facts([(band, str(count)) for band, count in view.score_bands]),
    ]
    if view.unmatched:
        body.append(paragraph("Mentees without a mentor", weight="Bolder", spacing="Medium"))
        listed = view.unmatched[:MAX_LISTED]
        body.append(facts([(name, reason) for name, reason in listed]))
        if len(view.unmatched) > MAX_LISTED:
            more = len(view.unmatched) - MAX_LISTED
            body.append(paragraph(f"And {more} more: see the dashboard.", is_subtle=True))
    body.append(paragraph("Type “publish” to send it.", spacing="Medium"))
    return render(body, speak="Matching preview.")


def publish_card(view: PublishProgressView) -> dict[str, Any]:
    """`publish`: progress while sending, then what was sent."""
    if view.problem:
        body = [*header("Nothing was published", view.programme_name), paragraph(view.problem)]
        return render(body, speak="Nothing was published.")
    if not view.finished:
        body = [
            *header("Publishing the matching…", view.programme_name),
            paragraph(f"{view.done} of {view.total} people sent their cards so far."),
        ]
        return render(body, speak="Publishing.")
    return render(
        [
            *header("Matching published", view.programme_name),
            facts(list(view.lines)),
            notice_box("Publishing again sends nothing twice.", "good"),
        ],
        speak="Matching published.",
    )


def funnel_card(view: FunnelView) -> dict[str, Any]:
    """`status`: the cohort's funnel."""
    body: list[CardElement] = [
        *header("Where the cohort stands", view.programme_name),
        paragraph(f"Cohort status: {view.cohort_status}.", is_subtle=True),
        paragraph("Mentees at each stage, counted as on the dashboard tab:", spacing="Medium"),
        facts([(stage, str(count)) for stage, count in view.stages]),
    ]
    if view.ending:
        body.insert(3, paragraph(view.ending, weight="Bolder", spacing="Small"))
    return render(body, speak="Cohort status.")


def cohort_notice_card(view: CohortNotice) -> dict[str, Any]:
    """A short answer to a cohort command."""
    return render([*header(view.title), paragraph(view.text)], speak=view.title)


def export_link_card(view: ExportLinkView) -> dict[str, Any]:
    """The export's download link, in the asking administrator's personal chat only."""
    body: list[CardElement] = [
        *header("Your export of the pairs", view.programme_name),
        paragraph(
            f"{view.pairs} pairs with their status, first contact and sessions, as CSV. The "
            f"link works for {view.minutes} minutes; each download is recorded in the audit "
            "log. The file holds names and e-mail addresses: keep it within the programme team.",
            spacing="Medium",
        ),
    ]
    download = OpenUrlAction(title="Download CSV", url=view.url)
    return render(body, [download], speak="Your export of the pairs.")
