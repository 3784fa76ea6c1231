"""The tab API accepts a Teams SSO token only when Entra would have issued it for Tandem."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from teams_app.domain.people import Person
from teams_app.storage.cipher import generate_key
from tests.doubles.jwks import JwksDouble, SigningKey, entra_claims
from tests.doubles.manual_clock import ManualClock
from tests.integration.conftest import start_tandem

TENANT = "11111111-2222-3333-4444-555555555555"
APP = "6b1c7e1a-0000-4000-8000-00000000ab01"
AUDIENCE = f"api://tandem.example.org/{APP}"
AMINA = "aad-amina"


@dataclass
class SsoWorld:
    client: TestClient  # type: ignore[type-arg]
    key: SigningKey
    jwks: JwksDouble
    clock: ManualClock

    async def me(self, token: str | None) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        response = await self.client.get("/api/v1/me", headers=headers)
        return response.status, await response.json()

    def token(self, **changes: Any) -> str:
        claims = entra_claims(TENANT, AUDIENCE, AMINA) | changes
        return self.key.sign({k: v for k, v in claims.items() if v is not None})


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[SsoWorld]:
    key = SigningKey()
    async with JwksDouble(key) as jwks:
        env = {
            "TANDEM_APP_ID": APP,
            "TANDEM_APP_PASSWORD": "not-used-here",
            "TANDEM_TENANT_ID": TENANT,
            "TANDEM_ENCRYPTION_KEYS": generate_key(),
            "TANDEM_PUBLIC_URL": "https://tandem.example.org",
            "TANDEM_SSO_JWKS_URL": jwks.template,
        }
        clock = ManualClock(datetime.now(UTC))
        tandem, client = await start_tandem(env, tmp_path, clock)
        await tandem.store.upsert_person(Person(AMINA, "amina@un.org", "Amina Diallo"))
        try:
            yield SsoWorld(client, key, jwks, clock)
        finally:
            await client.close()


async def test_a_token_entra_issued_for_tandem_names_the_person(world: SsoWorld) -> None:
    status, body = await world.me(world.token())

    assert status == 200, body
    assert body["person"]["id"] == AMINA
    assert body["stage"] == "not_registered"
    assert world.jwks.count("GET") == 1


async def test_the_v1_issuer_and_the_bare_app_id_audience_are_accepted(world: SsoWorld) -> None:
    token = world.token(iss=f"https://sts.windows.net/{TENANT}/", aud=APP)

    status, _ = await world.me(token)

    assert status == 200


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"aud": f"api://tandem.example.org/{'0' * 8}"}, "another audience"),
        ({"iss": "https://login.microsoftonline.com/common/v2.0"}, "wrong issuer"),
        ({"tid": "99999999-2222-3333-4444-555555555555"}, "another tenant"),
        ({"exp": int(time.time()) - 600}, "expired"),
        ({"scp": "User.Read"}, "access_as_user"),
        ({"oid": None}, "oid"),
    ],
)
async def test_a_token_with_a_wrong_claim_gets_401_with_the_reason(
    world: SsoWorld, changes: dict[str, Any], reason: str
) -> None:
    status, body = await world.me(world.token(**changes))

    assert status == 401
    assert reason in body["error"]


async def test_a_token_signed_by_another_key_is_refused(world: SsoWorld) -> None:
    forged = SigningKey()
    forged.kid = world.key.kid  # the same key id, another key: only the signature tells

    status, body = await world.me(forged.sign(entra_claims(TENANT, AUDIENCE, AMINA)))

    assert (status, body["error"]) == (401, "the token's signature does not verify")


async def test_a_token_from_a_key_not_published_is_refused(world: SsoWorld) -> None:
    status, body = await world.me(SigningKey().sign(entra_claims(TENANT, AUDIENCE, AMINA)))
    again, _ = await world.me(SigningKey().sign(entra_claims(TENANT, AUDIENCE, AMINA)))

    assert (status, body["error"]) == (401, "the token is signed by an unknown key")
    assert again == 401
    assert world.jwks.count("GET") == 1  # unknown keys fetch the JWKS at most every 30 s


async def test_no_token_or_garbage_gets_401(world: SsoWorld) -> None:
    assert (await world.me(None))[0] == 401
    status, body = await world.me("not-a-jwt")
    assert (status, body["error"]) == (401, "the token is not a JWT")


async def test_a_key_published_later_is_fetched_when_a_token_names_it(world: SsoWorld) -> None:
    assert (await world.me(world.token()))[0] == 200
    rotated = SigningKey()
    world.jwks.keys.append(rotated)
    world.clock.advance(seconds=31)  # keys are fetched again at most every 30 seconds

    status, _ = await world.me(rotated.sign(entra_claims(TENANT, AUDIENCE, AMINA)))

    assert status == 200
    assert world.jwks.count("GET") == 2


async def test_dev_sign_in_does_not_exist_outside_dev_mode(world: SsoWorld) -> None:
    people = await world.client.get("/api/v1/dev/people")
    sign_in = await world.client.post("/api/v1/dev/sign-in", json={"id": AMINA})

    assert (people.status, sign_in.status) == (404, 404)


async def test_dev_mode_signs_in_a_demo_person_through_the_same_checks(tmp_path: Path) -> None:
    from teams_app.demo import DEMO_ADMINS, seed_demo_people

    tandem, client = await start_tandem(
        {"TANDEM_DEV_MODE": "true", "TANDEM_ADMINS": DEMO_ADMINS[0]}, tmp_path
    )
    try:
        await seed_demo_people(tandem.store)
        people = await (await client.get("/api/v1/dev/people")).json()
        sofia = next(p for p in people["people"] if p["id"] == DEMO_ADMINS[0])
        assert "administrator" in sofia["hint"]
        signed = await client.post("/api/v1/dev/sign-in", json={"id": sofia["id"]})
        token = (await signed.json())["token"]

        me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        body = await me.json()
        tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
        refused = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {tampered}"})
        unknown = await client.post("/api/v1/dev/sign-in", json={"id": "nobody"})
    finally:
        await client.close()
    assert me.status == 200 and body["person"]["is_admin"] is True
    assert body["person"]["name"] == "Sofia Alvarez"
    assert refused.status == 401
    assert unknown.status == 404


async def test_the_dev_sign_in_says_where_each_demo_person_stands_now(tmp_path: Path) -> None:
    from teams_app.demo import seed_demo_people
    from teams_app.demo_cohort import AMINA, KENJI, seed_demo_cohort

    tandem, client = await start_tandem({"TANDEM_DEV_MODE": "true"}, tmp_path)
    try:
        await seed_demo_people(tandem.store)
        before = await (await client.get("/api/v1/dev/people")).json()
        await seed_demo_cohort(tandem.store, tandem.programme)
        after = await (await client.get("/api/v1/dev/people")).json()
    finally:
        await client.close()

    def hints(listed: Any) -> dict[str, str]:
        return {p["id"]: p["hint"] for p in listed["people"]}

    assert hints(before)[AMINA] == "not registered, Dakar"
    assert hints(after)[AMINA] == "mentee, registered, Dakar"
    assert hints(after)[KENJI].startswith("mentor, registered")
