"""What an imported application becomes: the eligibility rules that fit an import, the answers."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from teams_app.domain.eligibility import (
    RULES,
    ApplicationFacts,
    Refusal,
    Rule,
    former_jpo_answer,
    registration_window,
)
from teams_app.domain.import_rows import Applicant
from teams_app.domain.programme import Programme, Role
from teams_app.domain.questionnaire import Questionnaire, Visibility, card_value


def entity_may_apply(
    programme: Programme, role: Role, facts: ApplicationFacts, today: date
) -> Refusal | None:
    """The half of the window rule about who may apply at all, not about when."""
    refusal = registration_window(programme, role, facts, today)
    if refusal is not None and refusal.rule == "registration_not_offered":
        return refusal
    return None


# The dates of the registration window are left out: the file was collected while
# registration was open and is often imported after it closed. Everything else applies.
IMPORT_RULES: tuple[Rule, ...] = (
    entity_may_apply,
    *(rule for rule in RULES if rule is not registration_window),
)


def facts_of(applicant: Applicant, existing_roles: Collection[Role]) -> ApplicationFacts:
    """What the eligibility rules need, from the applicant's typed answers."""
    answers = applicant.answers
    entity, grade = answers.get("entity"), answers.get("grade")
    entry, assignment = answers.get("entry_date"), answers.get("assignment_type")
    former = answers.get("former_jpo")
    return ApplicationFacts(
        entity=entity if isinstance(entity, str) else None,
        entry_date=entry if isinstance(entry, date) else None,
        previous_mentee_editions=applicant.previous_mentee_editions,
        former_jpo=former_jpo_answer(former),
        existing_roles=frozenset(existing_roles),
        grade=grade if isinstance(grade, str) else None,
        assignment_type=assignment if isinstance(assignment, str) else None,
    )


def import_refusals(
    programme: Programme, applicant: Applicant, existing_roles: Collection[Role], today: date
) -> tuple[str, ...]:
    """Why the applicant may not hold this application, worded as the person would read it."""
    facts = facts_of(applicant, existing_roles)
    return tuple(
        f"not eligible ({refusal.rule}): {refusal.message.rstrip('.')}"
        for rule in IMPORT_RULES
        if (refusal := rule(programme, applicant.role, facts, today))
    )


def merged_answers(
    questionnaire: Questionnaire,
    applicant: Applicant,
    public: Mapping[str, Any],
    confidential: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Stored answers with the file's in place, as card values; confidential ones kept apart."""
    merged_public, merged_confidential = dict(public), dict(confidential)
    for question_id in sorted(applicant.covered):
        question = questionnaire.question(question_id)
        secret = question.visibility is Visibility.CONFIDENTIAL
        target = merged_confidential if secret else merged_public
        merged_public.pop(question_id, None)
        merged_confidential.pop(question_id, None)
        if question_id in applicant.answers:
            target[question_id] = card_value(applicant.answers[question_id])
    return merged_public, merged_confidential
