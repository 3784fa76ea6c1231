"""Demo people for dev mode: the same people as the Agents Playground's mock tenant."""

from __future__ import annotations

from datetime import date

from teams_app.domain.people import Person
from teams_app.services.ports import Store

# The ids match .m365agentsplayground.yml so that a Playground user is a known person, with
# the HR data a real deployment would import (grades, entry dates, duty stations).
DEMO_PEOPLE: tuple[Person, ...] = (
    Person(
        aad_object_id="00000000-0000-0000-0000-0000000000a1",
        email="amina.diallo@tandem.example",
        name="Amina Diallo",
        grade="P2",
        entry_date=date(2022, 3, 1),
        duty_station="Dakar",
        time_zone="Africa/Dakar",
        entity="OCHA",
        unit="Regional Office for West and Central Africa",
        job_network="Political, Peace and Humanitarian",
    ),
    Person(
        aad_object_id="00000000-0000-0000-0000-0000000000a2",
        email="lucas.moreau@tandem.example",
        name="Lucas Moreau",
        grade="G6",
        entry_date=date(2019, 9, 16),
        duty_station="Geneva",
        time_zone="Europe/Zurich",
        entity="OHCHR",
        unit="Human Rights Council Branch",
        job_network="Public Information and Conference Management",
    ),
    Person(
        aad_object_id="00000000-0000-0000-0000-0000000000a3",
        email="priya.raman@tandem.example",
        name="Priya Raman",
        grade="P5",
        entry_date=date(2009, 1, 12),
        duty_station="New York",
        time_zone="America/New_York",
        entity="DESA",
        unit="Statistics Division",
        job_network="Economic, Social and Development",
    ),
    Person(
        aad_object_id="00000000-0000-0000-0000-0000000000a4",
        email="kenji.sato@tandem.example",
        name="Kenji Sato",
        grade="P4",
        entry_date=date(2013, 6, 3),
        duty_station="Bangkok",
        time_zone="Asia/Bangkok",
        entity="ESCAP",
        unit="Trade, Investment and Innovation Division",
        job_network="Economic, Social and Development",
    ),
    Person(
        aad_object_id="00000000-0000-0000-0000-0000000000a5",
        email="sofia.alvarez@tandem.example",
        name="Sofia Alvarez",
        grade="P4",
        entry_date=date(2012, 2, 20),
        duty_station="New York",
        time_zone="America/New_York",
        entity="DMSPC",
        unit="Office of Human Resources",
        job_network="Management and Administration",
    ),
    Person(
        aad_object_id="00000000-0000-0000-0000-0000000000a6",
        email="grace.okafor@tandem.example",
        name="Grace Okafor",
        grade="D1",
        entry_date=date(2005, 10, 1),
        duty_station="Nairobi",
        time_zone="Africa/Nairobi",
        entity="UNEP",
        unit="Ecosystems Division",
        job_network="Economic, Social and Development",
    ),
)

# Sofia Alvarez runs the programme in the demo tenant.
DEMO_ADMINS: tuple[str, ...] = ("00000000-0000-0000-0000-0000000000a5",)


async def seed_demo_people(store: Store) -> int:
    """Insert or refresh the demo people; how many there are."""
    for person in DEMO_PEOPLE:
        await store.upsert_person(person)
    return len(DEMO_PEOPLE)
