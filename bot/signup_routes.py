"""Sign-up card actions and commands: from a pressed button to a use case and back to a card."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.core.teams import TeamsInfo

from cards.base import VERB_SIGN_UP_MENTEE, VERB_SIGN_UP_MENTOR
from cards.notices import unknown_action_card
from cards.registration import notice_card, registration_card
from cards.signup import confirmation_card, refusal_card, step_card, summary_card
from cards.signup_verbs import (
    SIGN_UP_VERBS,
    VERB_BACK,
    VERB_EDIT,
    VERB_NEXT,
    VERB_SHOW_REGISTRATION,
    VERB_SUBMIT,
    VERB_WITHDRAW,
    answers_from_data,
)
from teams_app.domain.people import Person
from teams_app.domain.programme import Role
from teams_app.services.signup import SignUp
from teams_app.services.signup_views import (
    ConfirmationView,
    NoticeView,
    RefusalView,
    RegistrationView,
    SignUpView,
    StepView,
    SummaryView,
)

log = logging.getLogger(__name__)

START_VERBS = {VERB_SIGN_UP_MENTEE: Role.MENTEE, VERB_SIGN_UP_MENTOR: Role.MENTOR}
ROUTED_VERBS = frozenset(START_VERBS) | SIGN_UP_VERBS


def card_for(view: SignUpView) -> dict[str, Any]:
    """The card that shows a sign-up view."""
    if isinstance(view, StepView):
        return step_card(view)
    if isinstance(view, SummaryView):
        return summary_card(view)
    if isinstance(view, ConfirmationView):
        return confirmation_card(view)
    if isinstance(view, RefusalView):
        return refusal_card(view)
    if isinstance(view, RegistrationView):
        return registration_card(view)
    return notice_card(view)


async def identify(signup: SignUp, turn_context: TurnContext) -> Person | None:
    """The person who acted; their e-mail comes from Teams the first time Tandem meets them."""
    sender = turn_context.activity.from_property
    aad_id = getattr(sender, "aad_object_id", None)
    if not aad_id:
        return None

    async def email_of() -> str | None:
        try:
            member = await TeamsInfo.get_member(turn_context, sender.id)
        except Exception as error:  # the roster is a nicety: sign-up works without the e-mail
            log.info("member.lookup_failed", extra={"error_type": type(error).__name__})
            return None
        found = getattr(member, "email", None) or getattr(member, "user_principal_name", None)
        return str(found) if found else None

    return await signup.identify(aad_id, getattr(sender, "name", None) or "Colleague", email_of)


async def run_action(
    signup: SignUp, person: Person, verb: str, data: Mapping[str, object]
) -> dict[str, Any]:
    """Run the use case a sign-up button asks for; the card to show in its place."""
    if verb in START_VERBS:
        return card_for(await signup.start(person, START_VERBS[verb]))
    if verb == VERB_SHOW_REGISTRATION:
        return card_for(await signup.registration(person))
    role = _role(data.get("role"))
    version = read_version(data.get("version"))
    step = data.get("step")
    if role is None:
        return unknown_action_card()
    if verb == VERB_EDIT and isinstance(step, str):
        return card_for(await signup.edit(person, role, step))
    if version is None:
        return unknown_action_card()
    if verb == VERB_NEXT and isinstance(step, str):
        return card_for(await signup.next(person, role, step, answers_from_data(data), version))
    if verb == VERB_BACK and isinstance(step, str):
        return card_for(await signup.back(person, role, step, version))
    if verb == VERB_SUBMIT:
        return card_for(await signup.submit(person, role, version))
    if verb == VERB_WITHDRAW:
        return card_for(await signup.withdraw(person, role, version))
    return unknown_action_card()


def privacy_notice() -> dict[str, Any]:
    """Sign-up pressed in a channel or group chat, where others would see the answers."""
    return card_for(
        NoticeView(
            "Sign up in your personal chat with Tandem",
            "Your answers are private, so the questionnaire runs in your personal chat with "
            "Tandem, not here. Open Tandem from Apps (or your chat list) and choose Sign up.",
        )
    )


def _role(value: object) -> Role | None:
    try:
        return Role(str(value)) if value is not None else None
    except ValueError:
        return None


def read_version(value: object) -> int | None:
    """A non-negative whole number sent back by a card (a version or an id); None if not."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit() and len(value) < 10:
        return int(value)
    return None
