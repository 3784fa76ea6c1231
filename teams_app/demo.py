"""Demo people for dev mode: the same people as the Agents Playground's mock tenant."""

from __future__ import annotations

from datetime import date

from teams_app.domain.people import Person
from teams_app.services.ports import Store

# The ids match .m365agentsplayground.yml so that a Playground user is a known person.
DEMO_PEOPLE: tuple[Person, ...] = (
    Person(
        aad_object_id="00000000-0000-0000-0000-0000000000a1",
        email="amina.diallo@tandem.example",
        name="Amina Diallo",
        grade="P2",
        entry_date=date(2023, 3, 1),
        duty_station="Dakar",
        time_zone="Africa/Dakar",
        entity="UNDP",
        unit="Regional Programme",
        job_network="Development",
    ),
)


async def seed_demo_people(store: Store) -> int:
    """Insert or refresh the demo people; how many there are."""
    for person in DEMO_PEOPLE:
        await store.upsert_person(person)
    return len(DEMO_PEOPLE)
