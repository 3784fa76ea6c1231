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


async def test_an_adopted_placeholder_keeps_its_suggestions_requests_and_pairings(
    store: SqlStore,
) -> None:
    from datetime import UTC, datetime, timedelta

    from teams_app.domain.pairing import MentorRequest, Pairing, SuggestedMentor, Suggestions

    at = datetime(2026, 10, 1, tzinfo=UTC)
    for key in ("hr:omar@un.org", "aad-mia", "aad-ana"):
        await store.upsert_person(Person(key, key.split(":")[-1].split("@")[0] + "@x.org", key))
    cohort = await store.ensure_cohort("together", "2026")
    for key, role in (("hr:omar@un.org", "mentor"), ("aad-mia", "mentee"), ("aad-ana", "mentee")):
        await store.save_application(Application(cohort.id, key, role, ApplicationStatus.SUBMITTED))
    listed = (SuggestedMentor("hr:omar@un.org", 3.0, ("you both speak French",)),)
    await store.save_suggestions(Suggestions(cohort.id, "aad-mia", listed))
    request = MentorRequest(cohort.id, "aad-mia", "hr:omar@un.org", at + timedelta(days=3), at)
    await store.add_request(request)
    await store.create_pairing(Pairing(cohort.id, "aad-ana", "hr:omar@un.org", at), 2, 1)

    await store.adopt_placeholder("omar@x.org", "aad-omar")

    suggestions = await store.get_suggestions(cohort.id, "aad-mia")
    assert suggestions is not None and suggestions.mentors[0].mentor == "aad-omar"
    assert [r.mentor for r in await store.list_requests(cohort.id)] == ["aad-omar"]
    assert [p.mentor for p in await store.pairings(cohort.id)] == ["aad-omar"]
