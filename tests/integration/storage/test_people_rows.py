from teams_app.domain.applications import Application, ApplicationStatus
from teams_app.domain.people import Person
from teams_app.storage.sql_store import SqlStore


async def test_an_hr_placeholder_is_adopted_with_its_applications_under_the_real_id(
    store: SqlStore,
) -> None:
    placeholder = Person("hr:ana@un.org", "Ana@UN.org", "Ana Lopez", grade="P3", entity="DPPA")
    await store.upsert_person(placeholder)
    cohort = await store.ensure_cohort("together", "2026")
    await store.save_application(
        Application(cohort.id, placeholder.aad_object_id, "mentee", ApplicationStatus.SUBMITTED)
    )
    adopted = await store.adopt_placeholder("ana@un.org", "aad-ana")
    assert adopted is not None and adopted.aad_object_id == "aad-ana"
    assert adopted.grade == "P3" and adopted.email == "Ana@UN.org"
    assert await store.get_person("hr:ana@un.org") is None
    moved = await store.get_application(cohort.id, "aad-ana", "mentee")
    assert moved is not None and moved.status is ApplicationStatus.SUBMITTED


async def test_without_a_placeholder_nothing_is_adopted(store: SqlStore) -> None:
    await store.upsert_person(Person("aad-real", "real@un.org", "Real"))
    assert await store.adopt_placeholder("real@un.org", "aad-other") is None
    assert await store.adopt_placeholder("nobody@un.org", "aad-other") is None
    assert (await store.get_person("aad-real")) is not None
