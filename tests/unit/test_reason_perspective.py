"""The mentor reads the match reasons about the mentee, never about "you", never diversity."""

from __future__ import annotations

from dataclasses import replace

from teams_app.domain.matching import MatchProfile, reasons, settings_for
from teams_app.domain.reason_perspective import reasons_for_mentor
from teams_app.presets import load_programme

MENTEE = MatchProfile(
    key="mia",
    name="Mia",
    years_in_organisation=2,
    languages=frozenset({"en", "fr"}),
    preferred_language="fr",
    goals=frozenset({"leadership", "career_paths"}),
    skills=frozenset({"negotiation"}),
    topics=frozenset({"mobility"}),
    activities=frozenset({"role_play"}),
    job_network="legal",
    job_network_wish="different",
    time_zone="Europe/Paris",
    diversity=frozenset({"diversity_minority"}),
    diversity_consent=True,
)
MENTOR = replace(
    MENTEE,
    key="omar",
    name="Omar",
    years_in_organisation=15,
    goals=frozenset({"leadership"}),
    skills=frozenset({"negotiation", "writing"}),
    job_network="science",
    job_network_wish=None,
    time_zone="Europe/Berlin",
)


def test_every_reason_the_mentee_reads_is_rewritten_for_the_mentor() -> None:
    programme = load_programme("iom")  # IOM weighs diversity, so every part can speak
    mentee_reasons = reasons(MENTEE, MENTOR, settings_for(programme))
    assert any("your goal" in r for r in mentee_reasons)
    assert any("background" in r for r in mentee_reasons)
    mentor_reasons = reasons_for_mentor(mentee_reasons, "Mia")
    text = " ".join(mentor_reasons)
    assert "your" not in text and "you want" not in text and "you asked" not in text
    assert "background" not in text
    assert any("of Mia's goals" in r or "Mia's goal" in r for r in mentor_reasons)
    assert len(mentor_reasons) == len(mentee_reasons) - 1
