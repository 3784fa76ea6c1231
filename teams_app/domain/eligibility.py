"""Who may apply, in which role, today: each rule of a preset as one function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from teams_app.domain.programme import Programme, Role, WindowStatus

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Refusal:
    """Why someone cannot apply, and what they can do instead."""

    rule: str
    message: str
    # A role the person is invited to apply for instead, e.g. barred mentees as mentors.
    suggested_role: Role | None = None


@dataclass(frozen=True)
class ApplicationFacts:
    """What is known about an applicant; None means "not known yet", which no rule refuses."""

    entity: str | None = None
    entry_date: date | None = None
    # Editions of this programme, by id ("2024"), in which the person was a mentee.
    previous_mentee_editions: tuple[str, ...] = ()
    former_jpo: bool | None = None
    # Roles the person already holds an application for in this edition.
    existing_roles: frozenset[Role] = frozenset()
    grade: str | None = None
    assignment_type: str | None = None


Rule = Callable[[Programme, Role, ApplicationFacts, date], "Refusal | None"]


def registration_window(
    programme: Programme, role: Role, facts: ApplicationFacts, today: date
) -> Refusal | None:
    """Registration for `role` and the person's entity must be open today."""
    window = programme.window_for(role, facts.entity)
    if window is None:
        entity = facts.entity or "your entity"
        return Refusal(
            "registration_not_offered",
            f"{programme.name} takes no {role}s from {entity}. "
            f"{_ask(programme, 'Write')} if you think this is a mistake.",
        )
    status = window.status_on(today)
    if status is WindowStatus.BEFORE:
        return Refusal(
            "registration_not_open_yet",
            f"Registration for {role}s opens on {long_date(window.opens)}. "
            "Come back then and type “sign up”.",
        )
    if status is WindowStatus.CLOSED:
        return Refusal(
            "registration_closed",
            f"Registration for {role}s closed on {long_date(window.closes)}; the next edition's "
            f"dates will be announced by {_contact(programme)}.",
        )
    return None


def recent_mentee(
    programme: Programme, role: Role, facts: ApplicationFacts, today: date
) -> Refusal | None:
    """Mentees of the previous N editions leave this edition's mentee places to others."""
    barred = programme.eligibility.previous_mentee_editions_barred
    if role is not Role.MENTEE or barred == 0:
        return None
    recent = _recent_editions(programme.edition, barred)
    if not recent.intersection(facts.previous_mentee_editions):
        return None
    editions = (
        "the previous edition" if barred == 1 else f"one of the last {_count_word(barred)} editions"
    )
    message = (
        f"You were a mentee in {editions}, so this edition's mentee places go to "
        "colleagues who have not had a mentor yet."
    )
    if programme.eligibility.invite_barred_mentees_to_mentor:
        return Refusal(
            "recent_mentee",
            f"{message} You are warmly invited to apply as a mentor instead: "
            "type “sign up as mentor”.",
            suggested_role=Role.MENTOR,
        )
    return Refusal("recent_mentee", f"{message} You can apply as a mentee in a later edition.")


def one_application_per_role(
    programme: Programme, role: Role, facts: ApplicationFacts, today: date
) -> Refusal | None:
    """One application per role; both roles only where the preset allows it."""
    if role in facts.existing_roles:
        return Refusal(
            "already_applied",
            f"You have already applied as a {role} for this edition. "
            "Type “my registration” to see, edit or withdraw it.",
        )
    other = Role.MENTOR if role is Role.MENTEE else Role.MENTEE
    if other in facts.existing_roles and not programme.registration.allow_both_roles:
        return Refusal(
            "one_role_only",
            f"You have already applied as a {other}, and {programme.name} takes each person in "
            f"one role only. To apply as a {role} instead, first withdraw that application: "
            "type “my registration”.",
        )
    return None


def mentor_seniority(
    programme: Programme, role: Role, facts: ApplicationFacts, today: date
) -> Refusal | None:
    """Mentors need the preset's minimum number of whole years in the organization."""
    years = programme.eligibility.mentor_min_years_in_organisation
    if role is not Role.MENTOR or years == 0 or facts.entry_date is None:
        return None
    eligible_from = anniversary(facts.entry_date, years)
    if today >= eligible_from:
        return None
    # Where mentees must hold an assignment type (JPOSC), staff cannot simply switch roles.
    closed_to_staff = bool(programme.eligibility.mentee_assignment_types)
    until_then = "" if closed_to_staff else " Until then you are welcome to apply as a mentee."
    return Refusal(
        "mentor_seniority",
        f"Mentors need at least {years} year{'s' if years != 1 else ''} in the organization; "
        f"you will have {'them' if years != 1 else 'it'} on "
        f"{long_date(eligible_from)}.{until_then} If your entry date is wrong, correct it in "
        f"your answers or {_ask(programme, 'write')}.",
        suggested_role=None if closed_to_staff else Role.MENTEE,
    )


def former_jpo(
    programme: Programme, role: Role, facts: ApplicationFacts, today: date
) -> Refusal | None:
    """Where the preset says so, mentors must be former JPOs or SARCs."""
    if role is not Role.MENTOR or not programme.eligibility.mentor_must_be_former_jpo:
        return None
    if facts.former_jpo is not False:
        return None
    return Refusal(
        "former_jpo_required",
        f"Mentors in {programme.name} are former JPOs or SARCs, who know the assignment from "
        f"the inside. If you were one, say so in your answers; otherwise {_ask(programme, 'write')}"
        " about other ways to support JPOs.",
    )


def grade_allowed(
    programme: Programme, role: Role, facts: ApplicationFacts, today: date
) -> Refusal | None:
    """The person's grade must be one the preset allows for the role."""
    eligibility = programme.eligibility
    if facts.grade is None or eligibility.grade_allowed(role, facts.grade):
        return None
    allowed = eligibility.mentor_grades if role is Role.MENTOR else eligibility.mentee_grades
    return Refusal(
        "grade_not_eligible",
        f"{role.capitalize()}s in {programme.name} are at grades {_listed(allowed)}. "
        f"If your grade has changed, correct it in your answers or {_ask(programme, 'write')}.",
    )


def mentee_assignment(
    programme: Programme, role: Role, facts: ApplicationFacts, today: date
) -> Refusal | None:
    """Where the preset lists assignment types (JPO, SARC…), mentees must hold one of them."""
    types = programme.eligibility.mentee_assignment_types
    if role is not Role.MENTEE or not types or facts.assignment_type is None:
        return None
    if facts.assignment_type in types:
        return None
    return Refusal(
        "assignment_not_eligible",
        f"Mentees in {programme.name} are on {_listed(types)} assignments. "
        f"{_ask(programme, 'Write')} about other mentoring opportunities.",
    )


# The order refusals are listed in: the window first, as it is the one nothing else cures.
RULES: tuple[Rule, ...] = (
    registration_window,
    one_application_per_role,
    recent_mentee,
    mentor_seniority,
    former_jpo,
    grade_allowed,
    mentee_assignment,
)


def former_jpo_answer(answer: object) -> bool | None:
    """The former JPO/SARC fact from the questionnaire's answer ("jpo", "sarc" or "no")."""
    return None if answer is None else answer != "no"


def check_application(
    programme: Programme, role: Role, facts: ApplicationFacts, today: date
) -> list[Refusal]:
    """Every reason `facts` cannot apply as `role` on `today`; empty if they can."""
    return [refusal for rule in RULES if (refusal := rule(programme, role, facts, today))]


def anniversary(day: date, years: int) -> date:
    """`day` moved `years` years on; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def long_date(day: date) -> str:
    """A date as people read it in messages: "15 September 2026"."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _recent_editions(edition: str, count: int) -> set[str]:
    # Editions are annual and named by year ("2026"), so the previous N are the N years before.
    if not edition.isdigit():
        return set()
    year = int(edition)
    return {str(earlier) for earlier in range(year - count, year)}


def _contact(programme: Programme) -> str:
    if programme.contact_name:
        return f"the {programme.contact_name} ({programme.contact})"
    return programme.contact


def _ask(programme: Programme, verb: str) -> str:
    # The verb is passed in so a contact name is never lower-cased with it.
    return f"{verb} to {_contact(programme)}"


def _listed(items: tuple[str, ...]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"


def _count_word(count: int) -> str:
    words = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[count - 1] if 1 <= count <= len(words) else str(count)
