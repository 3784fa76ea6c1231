"""The shared vocabularies answers are chosen from; ids are stored, so never rename one."""

from __future__ import annotations

from teams_app.domain.questionnaire.model import Choice

# Seed 001: pairing considers "the six official UN languages", listed first in this order.
UN_LANGUAGES: tuple[Choice, ...] = (
    Choice("en", "English"),
    Choice("fr", "French"),
    Choice("es", "Spanish"),
    Choice("zh", "Chinese"),
    Choice("ar", "Arabic"),
    Choice("ru", "Russian"),
)
# Languages widely spoken across UN duty stations; ids are ISO 639-1 codes.
OTHER_LANGUAGES: tuple[Choice, ...] = (
    Choice("pt", "Portuguese"),
    Choice("de", "German"),
    Choice("it", "Italian"),
    Choice("sw", "Swahili"),
    Choice("hi", "Hindi"),
    Choice("ur", "Urdu"),
    Choice("bn", "Bengali"),
    Choice("fa", "Persian (Farsi, Dari)"),
    Choice("tr", "Turkish"),
    Choice("am", "Amharic"),
    Choice("ha", "Hausa"),
    Choice("id", "Indonesian"),
    Choice("ja", "Japanese"),
    Choice("ko", "Korean"),
    Choice("nl", "Dutch"),
    Choice("uk", "Ukrainian"),
)
LANGUAGES = UN_LANGUAGES + OTHER_LANGUAGES

# Seed 003 (what mentees may want: section 1.1 and phase 1) and seed 002 (programme objectives).
GOALS: tuple[Choice, ...] = (
    Choice("career_paths", "Explore career paths and plan my next steps"),
    Choice("next_level", "Prepare for a higher-level post: applications and interviews"),
    Choice("leadership", "Grow as a leader and manager"),
    Choice("skill", "Develop a specific competency or skill"),
    Choice("organisation", "Understand how the Organization works, including unwritten norms"),
    Choice("other_duty_stations", "Learn about positions in other duty stations and entities"),
    Choice("after_assignment", "Plan what comes after my current assignment or contract"),
    Choice("network", "Expand my network"),
    Choice("confidence", "Gain confidence with more experienced colleagues"),
    Choice("feedback", "Get candid feedback from an experienced colleague"),
    Choice("work_life_balance", "Find a better work-life balance"),
)

# The UN competency framework (core and managerial competencies) and the skills the seeds
# name: writing (seed 003), management competencies and communication (seed 002).
COMPETENCIES: tuple[Choice, ...] = (
    Choice("communication", "Communication"),
    Choice("writing", "Writing reports and briefs"),
    Choice("public_speaking", "Presenting and public speaking"),
    Choice("teamwork", "Teamwork"),
    Choice("planning_organising", "Planning and organizing"),
    Choice("accountability", "Accountability"),
    Choice("creativity", "Creativity and innovation"),
    Choice("client_orientation", "Client orientation"),
    Choice("continuous_learning", "Commitment to continuous learning"),
    Choice("technological_awareness", "Technological awareness"),
    Choice("leadership", "Leadership"),
    Choice("vision", "Vision and strategic thinking"),
    Choice("empowering_others", "Empowering others"),
    Choice("managing_performance", "Managing performance"),
    Choice("building_trust", "Building trust"),
    Choice("decision_making", "Judgement and decision-making"),
    Choice("negotiation", "Negotiation and influencing"),
    Choice("conflict_resolution", "Conflict resolution"),
    Choice("project_management", "Project and programme management"),
    Choice("partnerships", "Partnerships and resource mobilization"),
    Choice("budget_finance", "Budget and finance"),
    Choice("data_analysis", "Data and analysis"),
    Choice("policy_advice", "Policy analysis and advice"),
    Choice("change_management", "Leading change"),
)

# Seed 002 ("Careers" and "Other issues"), seed 003 (first-meeting questions), seed 001.
TOPICS: tuple[Choice, ...] = (
    Choice("career_development", "Career development and planning"),
    Choice("job_applications", "Job applications and competency-based interviews"),
    Choice("after_assignment", "Life after my current assignment or contract"),
    Choice("un_system_careers", "Careers across the UN system and beyond"),
    Choice("mobility", "Mobility and working in other duty stations"),
    Choice("field_and_headquarters", "Field and headquarters experience"),
    Choice("hardship_settings", "Working in hardship and emergency settings"),
    Choice("supervision", "Working with supervisors and supervising others"),
    Choice("organisational_culture", "Organizational culture and unwritten rules"),
    Choice("diversity_inclusion", "Diversity and inclusion at work"),
    Choice("work_life_balance", "Work-life balance and well-being"),
    Choice("subject_expertise", "Knowledge of a particular topic or work area"),
    Choice("learning", "Learning opportunities and further studies"),
    Choice("networking", "Visibility and networking"),
)

# Seed 003, "Ideas for Exercises and Activities".
ACTIVITIES: tuple[Choice, ...] = (
    Choice("situation_exercises", "Situation-based exercises on past or upcoming situations"),
    Choice("role_play", "Role play before a tough conversation or presentation"),
    Choice("shadowing", "Shadowing for a day, an event or a meeting"),
    Choice("networking", "Networking: introductions to people to learn from"),
    Choice("peer_feedback", "Peer feedback, with the mentor as a sounding board"),
    Choice("reverse_mentoring", "Reverse mentoring: the mentee gives the mentor feedback"),
    Choice("joint_webinars", "Attending a UN webinar or event together, then discussing it"),
)

# Seed 002's checklist: "How do we meet (video-call/Skype, telephone, e-mail, in person)?"
CONTACT_MODES: tuple[Choice, ...] = (
    Choice("video_call", "Video call"),
    Choice("phone", "Telephone"),
    Choice("chat_email", "Chat or e-mail"),
    Choice("in_person", "In person, where we share a duty station"),
)

# The UN Secretariat's job networks; agencies map their practice areas onto them.
JOB_NETWORKS: tuple[Choice, ...] = (
    Choice("management_administration", "Management and Administration"),
    Choice("economic_social_development", "Economic, Social and Development"),
    Choice("political_peace_humanitarian", "Political, Peace and Humanitarian"),
    Choice("information_technology", "Information and Telecommunication Technology"),
    Choice("legal", "Legal"),
    Choice("public_information_conference", "Public Information and Conference Management"),
    Choice("safety_security", "Internal Security and Safety"),
    Choice("logistics_supply_chain", "Logistics, Transportation and Supply Chain"),
    Choice("science", "Science"),
)

# Used when a preset sets no eligibility.grade_ladder; spelt as the presets spell grades.
DEFAULT_GRADE_LADDER: tuple[str, ...] = (
    *(f"G-{level}" for level in range(1, 8)),
    *(f"NO-{level}" for level in "ABCD"),
    *(f"P-{level}" for level in range(1, 6)),
    "D-1",
    "D-2",
    "ASG",
    "USG",
)

YES_NO_PREFER_NOT: tuple[Choice, ...] = (
    Choice("yes", "Yes"),
    Choice("no", "No"),
    Choice("prefer_not_to_say", "Prefer not to say"),
)

GENDERS: tuple[Choice, ...] = (
    Choice("woman", "Woman"),
    Choice("man", "Man"),
    Choice("non_binary", "Non-binary"),
    Choice("prefer_not_to_say", "Prefer not to say"),
)
