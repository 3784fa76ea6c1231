"""The verbs of the buttons on rematch and conflict cards."""

from __future__ import annotations

VERB_CASE_FORM = "case.form"  # data: kind
VERB_CASE_SUBMIT = "case.submit"  # data: kind, pairing; inputs: category, note
VERB_CASE_REPLY = "case.reply"  # data: case, version; input: reply
PARTICIPANT_CASE_VERBS = frozenset({VERB_CASE_FORM, VERB_CASE_SUBMIT, VERB_CASE_REPLY})

# The administrators' buttons on the channel card; data: case, version (+ mentor).
ADMIN_CASE_VERBS = {
    "case.approve": "approve",
    "case.decline": "decline",
    "case.ask": "ask",
    "case.end": "end",
    "case.keep": "keep",
}

CATEGORY_INPUT = "category"
NOTE_INPUT = "note"
PAIRING_INPUT = "pairing"
REPLY_INPUT = "reply"
MESSAGE_INPUT = "message"
