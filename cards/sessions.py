"""The scheduling cards: free times to choose from, the booked session (both local times, the
join link, the agenda of the pair's phase), confirmations, notices and the administrators'
alert about a missing Microsoft Graph permission."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import CardElement, Container, ExecuteAction, OpenUrlAction, TextInput
from microsoft_teams.cards.core import Action

from cards.base import VERB_HELP, actions_row, button, header, paragraph, render
from cards.session_parts import agenda_block, slot_lines, times_facts
from cards.session_verbs import (
    CANCEL_MESSAGE_INPUT,
    VERB_SESSION_BOOK,
    VERB_SESSION_CANCEL,
    VERB_SESSION_CANCEL_CONFIRM,
    VERB_SESSION_MOVE,
    VERB_SESSION_OFFERS,
    VERB_SESSION_RESCHEDULE,
    VERB_SESSION_SHOW,
)
from cards.signup import notice_box, section_heading
from teams_app.domain.sessions import SessionState
from teams_app.services.session_views import (
    BookingView,
    CalendarPermissionAlert,
    ChoosePartnerView,
    ConfirmChangeView,
    OffersView,
    SchedulingNotice,
    SessionCardView,
    SlotChoice,
)

DEV_LINK_NOTE = (
    "Development calendar: Tandem runs without Microsoft Graph, so no real Teams meeting or "
    "Outlook invitation was created."
)


def offers_card(view: OffersView) -> dict[str, Any]:
    """Free times for the pair, each in both local times, with one button to book it."""
    partner = view.partner_name.split(" ")[0]
    title = (
        f"Move your session with {partner}" if view.moving else f"Schedule a session with {partner}"
    )
    body: list[CardElement] = [*header(title, view.programme_name)]
    if view.notice:
        body.append(notice_box(view.notice, "warning"))
    if view.organiser_note:
        body.append(notice_box(view.organiser_note, "emphasis"))
    if view.moving:
        body.append(paragraph(f"Now: {view.moving.viewer_time}", spacing="Medium"))
    else:
        line = f"{view.length_minutes} minutes · session {view.number} of {view.planned}"
        body.append(paragraph(line, spacing="Medium", weight="Bolder"))
        if view.held or view.booked:
            counted = f"So far: {view.held} held, {view.booked} booked ahead."
            body.append(paragraph(counted, spacing="Small"))
    if view.rhythm:
        body.append(paragraph(view.rhythm, is_subtle=True, spacing="Small"))
    if view.slots:
        body.append(
            paragraph(
                "Free in both your calendars over the next 14 days, inside both your working "
                "hours. Choose one: the Teams meeting is booked for you both.",
                spacing="Medium",
            )
        )
        body.extend(_slot(view, slot) for slot in view.slots)
    else:
        reason = view.empty_reason or "no time is free for you both"
        body.append(
            notice_box(
                f"No free time in the next 14 days: {reason}. Try again in a few days, or "
                f"agree a time with {partner} in a chat.",
                "warning",
            )
        )
    if view.upcoming:
        body.append(section_heading("Already booked", separator=True))
        for booked in view.upcoming:
            text = f"Session {booked.number}: {booked.viewer_time}"
            body.append(paragraph(text, spacing="Small"))
            body.append(actions_row([button("Open", VERB_SESSION_SHOW, session=booked.session_id)]))
    actions: list[Action] = [
        button("Show new times", VERB_SESSION_OFFERS, pairing=view.pairing_id),
        button("Help", VERB_HELP),
    ]
    return render(body, actions, speak=title)


def _slot(view: OffersView, slot: SlotChoice) -> Container:
    start = slot.start.isoformat()
    if view.moving:
        moving = view.moving
        data = {"session": moving.session_id, "version": moving.version, "start": start}
        choose = button("Move here", VERB_SESSION_MOVE, "positive", **data)
    else:
        data = {"pairing": view.pairing_id, "start": start, "offer": view.offer_key}
        choose = button("Book this time", VERB_SESSION_BOOK, "positive", **data)
    items = [*slot_lines(slot.viewer_time, view.partner_name, slot.partner_time)]
    items.append(actions_row([choose]))
    return Container(items=items, style="emphasis", spacing="Small")


def session_card(view: SessionCardView) -> dict[str, Any]:
    """A session: both local times, the join link, the phase's agenda, reschedule and cancel."""
    subtitle = f"{view.programme_name} · session {view.number} of {view.planned}"
    body: list[CardElement] = [*header(view.headline, subtitle)]
    if view.notice:
        body.append(notice_box(view.notice, view.notice_style))
    body.append(paragraph(f"With {view.partner_name}", spacing="Medium", weight="Bolder"))
    body.append(times_facts(view.viewer_time, view.partner_name, view.partner_time))
    if view.state is SessionState.CANCELLED:
        body.append(notice_box("This session was cancelled.", "attention"))
    elif view.state is SessionState.HELD:
        body.append(notice_box("This session has taken place.", "emphasis"))
    elif view.join_url:
        title = "Open the dev meeting page" if view.dev_link else "Join the Teams meeting"
        body.append(actions_row([OpenUrlAction(title=title, url=view.join_url)]))
        if view.dev_link:
            body.append(paragraph(DEV_LINK_NOTE, is_subtle=True, spacing="Small"))
    if view.agenda is not None and view.state is not SessionState.CANCELLED:
        body.append(agenda_block(view.agenda))
    actions: list[Action] = []
    data = {"session": view.session_id, "version": view.version}
    if view.changeable:
        actions.append(button("Reschedule", VERB_SESSION_RESCHEDULE, None, **data))
        actions.append(button("Cancel session", VERB_SESSION_CANCEL, "destructive", **data))
    else:
        actions.append(button("Schedule a session", VERB_SESSION_OFFERS, pairing=view.pairing_id))
    return render(body, actions, speak=f"{view.headline}, with {view.partner_name}.")


def booking_card(view: BookingView) -> dict[str, Any]:
    """Shown while the calendars work; the card is updated when they are done."""
    body: list[CardElement] = [*header(view.title), paragraph(view.text, spacing="Medium")]
    return render(body, speak=view.title)


def confirm_change_card(view: ConfirmChangeView) -> dict[str, Any]:
    """Cancel (always asked) or move inside the notice period: say what it means, then ask."""
    partner = view.partner_name.split(" ")[0]
    title = "Cancel this session?" if view.cancelling else "Move this session at short notice?"
    body: list[CardElement] = [*header(title, view.programme_name)]
    body.append(paragraph(f"With {view.partner_name}, {view.viewer_time}.", spacing="Medium"))
    if view.new_time:
        body.append(paragraph(f"New time: {view.new_time}", weight="Bolder", spacing="Small"))
    if view.short_notice:
        body.append(
            notice_box(
                f"It starts in less than {view.notice_hours} hours, inside the notice your "
                f"programme asks for changes. {partner} may have planned around it; we will "
                "tell them kindly.",
                "warning",
            )
        )
    data = {"session": view.session_id, "version": view.version}
    keep = button("Keep it", VERB_SESSION_SHOW, session=view.session_id)
    keep.associated_inputs = "none"
    actions: list[ExecuteAction]
    if view.cancelling:
        body.append(
            TextInput(
                id=CANCEL_MESSAGE_INPUT,
                label=f"A message to {partner} (optional)",
                is_multiline=True,
                max_length=500,
                placeholder="For example: something urgent came up; can we meet next week?",
            )
        )
        go = button("Cancel the session", VERB_SESSION_CANCEL_CONFIRM, "destructive", **data)
        actions = [go, keep]
    else:
        start = view.new_start.isoformat() if view.new_start else ""
        move = button("Move it", VERB_SESSION_MOVE, "positive", **data, start=start, confirmed=True)
        actions = [move, keep]
    return render(body, actions, speak=title)


def scheduling_notice_card(view: SchedulingNotice) -> dict[str, Any]:
    """A short scheduling message, with "Try again" or "Show free times" where they help."""
    body: list[CardElement] = [*header(view.title), notice_box(view.text, view.style)]
    actions: list[Action] = []
    if view.retry is not None:
        retry = view.retry
        data = {"pairing": retry.pairing_id, "start": retry.start.isoformat()}
        actions.append(
            button("Try again", VERB_SESSION_BOOK, "positive", **data, offer=retry.offer_key)
        )
    if view.pairing_id is not None:
        actions.append(button("Show free times", VERB_SESSION_OFFERS, pairing=view.pairing_id))
    actions.append(button("Help", VERB_HELP))
    return render(body, actions, speak=view.title)


def choose_partner_card(view: ChoosePartnerView) -> dict[str, Any]:
    """Several active pairings: whom to schedule with."""
    body: list[CardElement] = [
        *header("Schedule a session with…", view.programme_name),
        paragraph("You have more than one mentoring partner. Choose one.", spacing="Medium"),
    ]
    actions: list[Action] = [
        button(choice.partner_name, VERB_SESSION_OFFERS, pairing=choice.pairing_id)
        for choice in view.partners
    ]
    return render(body, actions, speak="Schedule a session with whom?")


def permission_alert_card(view: CalendarPermissionAlert) -> dict[str, Any]:
    """To the administrators: which Graph permission is missing, why and how to grant it."""
    title = "Tandem needs a Microsoft Graph permission"
    body: list[CardElement] = [
        *header(title),
        notice_box(
            f"A participant tried to {view.attempted} and Microsoft Graph refused: Tandem's app "
            f"registration lacks the application permission **{view.permission}**, or it has "
            "no administrator consent.",
            "attention",
        ),
    ]
    if view.reason:
        body.append(paragraph(f"Tandem uses it to {view.reason}.", spacing="Medium"))
    body.append(
        paragraph(
            "To fix it: in the Microsoft Entra admin center open App registrations → Tandem → "
            f"API permissions, add Microsoft Graph → Application permissions → {view.permission}, "
            "then Grant admin consent. Participants can try again as soon as it is granted.",
            spacing="Medium",
        )
    )
    return render(body, speak=title)


def scheduling_card_for(view: object) -> dict[str, Any] | None:
    """The scheduling card of a view; None when the view is not a scheduling one."""
    if isinstance(view, OffersView):
        return offers_card(view)
    if isinstance(view, SessionCardView):
        return session_card(view)
    if isinstance(view, BookingView):
        return booking_card(view)
    if isinstance(view, ConfirmChangeView):
        return confirm_change_card(view)
    if isinstance(view, SchedulingNotice):
        return scheduling_notice_card(view)
    if isinstance(view, ChoosePartnerView):
        return choose_partner_card(view)
    if isinstance(view, CalendarPermissionAlert):
        return permission_alert_card(view)
    return None
