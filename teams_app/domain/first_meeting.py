"""Help for a new pair's first encounter, from the programmes' own guides."""

from __future__ import annotations

# Seed 002 (JPOSC mentoring guidelines), "Checklist for first encounters".
FIRST_ENCOUNTER_CHECKLIST: tuple[str, ...] = (
    "How do we meet (video call, telephone, e-mail, in person)?",
    "What is the expected duration of a meeting?",
    "What would we like to know about each other: social background, skills and qualities, "
    "career development goals?",
    "What will make this mentoring relationship satisfactory and useful to both of us?",
    "Which expectations do we have of each other (values, rules)?",
    "Should we have an agenda for the next encounter?",
    "When, by what means and how often do we keep in contact?",
    "How fast do we answer each other's e-mail or voice mail (24 hours, 1–2 days, 3 days)?",
    "If one of us cannot make a meeting, how do we get in touch?",
)

# Seed 003 (Together mentee handbook), "Questions for the First Meeting".
FIRST_MEETING_QUESTIONS: tuple[str, ...] = (
    "What is your motivation for signing up for the mentoring programme?",
    "What have been some high points in your UN career? Some low points?",
    "What is interesting about life in your duty station?",
    "What is your next big challenge?",
    "What do you hope to accomplish in the next 6 months, 1 year, 3 years and 5 years?",
    "What has been useful for you in terms of career development activities?",
)
