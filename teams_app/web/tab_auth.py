"""Who is calling the tab API: the Teams SSO token, validated as Microsoft Entra issues it.

Signature against the tenant's published keys (JWKS, cached, fetched again when a token names
a key not seen yet), issuer (v1 and v2 forms), audience (`api://<host>/<app id>` or the app
id), tenant, expiry (checked by the Clock, with a little leeway) and the `access_as_user`
scope; the person is the `oid` claim. Dev mode signs its own tokens with a local key and
checks them through this same code.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

import aiohttp
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey

from teams_app.services.ports import Clock

log = logging.getLogger(__name__)

SCOPE = "access_as_user"
LEEWAY = timedelta(minutes=1)
# A token naming an unknown key fetches the keys again, but not more often than this, so a
# stream of forged tokens cannot turn Tandem into a client hammering the identity platform.
REFRESH_AT_MOST_EVERY = timedelta(seconds=30)
JWKS_TIMEOUT = aiohttp.ClientTimeout(total=10)
DEV_TOKEN_LIFETIME = timedelta(hours=8)


class TokenRejected(Exception):
    """The token cannot be accepted; `str()` is a short reason for the 401."""


class KeysUnavailable(Exception):
    """The tenant's signing keys could not be read (the identity platform did not answer)."""


@dataclass(frozen=True)
class Identity:
    """The person behind a valid token."""

    person: str  # the Microsoft Entra object id (`oid`)
    name: str
    email: str


@dataclass(frozen=True)
class TokenRules:
    """What a token must say to be accepted."""

    tenant_id: str
    audiences: tuple[str, ...]
    scope: str = SCOPE

    @property
    def issuers(self) -> tuple[str, ...]:
        """The tenant's v2 and v1 issuers."""
        return (
            f"https://login.microsoftonline.com/{self.tenant_id}/v2.0",
            f"https://sts.windows.net/{self.tenant_id}/",
        )


def rules_for(tenant_id: str, app_id: str, public_url: str) -> TokenRules:
    """The rules of a single-tenant app exposed as `api://<public host>/<app id>`."""
    host = public_url.partition("://")[2].split("/", 1)[0]
    audiences = (f"api://{host}/{app_id}", app_id) if host else (app_id,)
    return TokenRules(tenant_id, audiences)


class KeySource(Protocol):
    """Public keys by key id."""

    async def key(self, kid: str) -> RSAPublicKey | None:
        """The public key with this id, or None if the source has none."""
        ...


class JwksKeys:
    """The tenant's keys from its JWKS document over HTTP, cached; refreshed on an unknown kid."""

    def __init__(self, url: str, clock: Clock) -> None:
        self._url = url
        self._clock = clock
        self._keys: dict[str, RSAPublicKey] = {}
        self._fetched_at: datetime | None = None
        self._lock = asyncio.Lock()
        self._http: aiohttp.ClientSession | None = None

    async def key(self, kid: str) -> RSAPublicKey | None:
        """The key `kid`; fetched again when unknown (at most every 30 seconds)."""
        if kid in self._keys:
            return self._keys[kid]
        async with self._lock:
            now = self._clock.now()
            recent = self._fetched_at and now - self._fetched_at < REFRESH_AT_MOST_EVERY
            if kid not in self._keys and not recent:
                self._keys = await self._fetch()
                self._fetched_at = now
        return self._keys.get(kid)

    async def close(self) -> None:
        """Close the HTTP client."""
        if self._http is not None:
            await self._http.close()

    async def _fetch(self) -> dict[str, RSAPublicKey]:
        if self._http is None:
            self._http = aiohttp.ClientSession(timeout=JWKS_TIMEOUT)
        try:
            async with self._http.get(self._url) as response:
                if response.status != 200:
                    raise KeysUnavailable(f"the JWKS answered {response.status}")
                document = json.loads(await response.read())
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            log.error("tab_auth.jwks_failed", extra={"error_type": type(error).__name__})
            raise KeysUnavailable("the tenant's signing keys could not be read") from error
        return keys_of(document)


def keys_of(document: Any) -> dict[str, RSAPublicKey]:
    """The RSA signing keys of a JWKS document by key id; other keys are skipped."""
    found: dict[str, RSAPublicKey] = {}
    for entry in document.get("keys", []) if isinstance(document, dict) else []:
        if not isinstance(entry, dict) or entry.get("kty") != "RSA" or "kid" not in entry:
            continue
        if entry.get("use", "sig") != "sig":
            continue
        key = jwt.algorithms.RSAAlgorithm.from_jwk(entry)
        if isinstance(key, RSAPublicKey):
            found[str(entry["kid"])] = key
    return found


class DevKeys:
    """A key made at start-up for dev mode's own sign-in; it never leaves the process."""

    def __init__(self) -> None:
        self._private: RSAPrivateKey = rsa.generate_private_key(
            public_exponent=65537, key_size=2048
        )
        self.kid = "tandem-dev-" + secrets.token_hex(4)

    async def key(self, kid: str) -> RSAPublicKey | None:
        """The dev public key, if `kid` is its id."""
        return self._private.public_key() if kid == self.kid else None

    def sign(self, claims: dict[str, Any]) -> str:
        """A token with these claims signed by the dev key."""
        return jwt.encode(claims, self._private, algorithm="RS256", headers={"kid": self.kid})


class TokenValidator:
    """Checks a bearer token against the rules and the key sources, in order."""

    def __init__(self, rules: TokenRules, sources: Sequence[KeySource], clock: Clock) -> None:
        self.rules = rules
        self._sources = tuple(sources)
        self._clock = clock

    async def identify(self, token: str) -> Identity:
        """The person a valid token names; TokenRejected with a short reason otherwise."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.DecodeError:
            raise TokenRejected("the token is not a JWT") from None
        if header.get("alg") != "RS256" or not isinstance(header.get("kid"), str):
            raise TokenRejected("the token is not signed with RS256 and a key id")
        key = await self._key(header["kid"])
        claims = self._decode(token, key)
        self._check_times(claims)
        if claims.get("tid") != self.rules.tenant_id:
            raise TokenRejected("the token is from another tenant")
        scopes = str(claims.get("scp", "")).split()
        if self.rules.scope not in scopes:
            raise TokenRejected(f"the token lacks the {self.rules.scope} scope")
        oid = claims.get("oid")
        if not isinstance(oid, str) or not oid:
            raise TokenRejected("the token names no person (oid)")
        email = claims.get("preferred_username") or claims.get("upn") or ""
        return Identity(oid, str(claims.get("name") or ""), str(email))

    async def _key(self, kid: str) -> RSAPublicKey:
        for source in self._sources:
            key = await source.key(kid)
            if key is not None:
                return key
        raise TokenRejected("the token is signed by an unknown key")

    def _decode(self, token: str, key: RSAPublicKey) -> dict[str, Any]:
        try:
            return jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=list(self.rules.audiences),
                issuer=self.rules.issuers,
                # Times are checked against the Clock below, so tests can move it.
                options={
                    "verify_exp": False,
                    "verify_nbf": False,
                    "verify_iat": False,
                    "require": ["exp", "iss", "aud", "tid"],
                },
            )
        except jwt.InvalidSignatureError:
            raise TokenRejected("the token's signature does not verify") from None
        except jwt.InvalidAudienceError:
            raise TokenRejected("the token is for another audience") from None
        except jwt.InvalidIssuerError:
            raise TokenRejected("the token has the wrong issuer") from None
        except jwt.MissingRequiredClaimError as error:
            raise TokenRejected(f"the token lacks the {error.claim} claim") from None
        except jwt.InvalidTokenError:
            raise TokenRejected("the token is invalid") from None

    def _check_times(self, claims: dict[str, Any]) -> None:
        now = self._clock.now().timestamp()
        leeway = LEEWAY.total_seconds()
        try:
            expires = float(claims["exp"])
            not_before = float(claims.get("nbf", now))
        except (TypeError, ValueError):
            raise TokenRejected("the token's times are not numbers") from None
        if expires + leeway <= now:
            raise TokenRejected("the token has expired")
        if not_before - leeway > now:
            raise TokenRejected("the token is not valid yet")


def dev_claims(
    rules: TokenRules, person: str, name: str, email: str, now: datetime
) -> dict[str, Any]:
    """The claims of a dev-mode token: shaped as Entra's v2 access tokens for the tab."""
    return {
        "iss": rules.issuers[0],
        "aud": rules.audiences[0],
        "tid": rules.tenant_id,
        "oid": person,
        "name": name,
        "preferred_username": email,
        "scp": rules.scope,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + DEV_TOKEN_LIFETIME).timestamp()),
    }
