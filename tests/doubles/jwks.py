"""The identity platform's key endpoint on loopback, and tokens signed by keys minted here."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

from tests.doubles.loopback_server import LoopbackServer


class SigningKey:
    """An RSA key with a key id, as Entra publishes them."""

    def __init__(self) -> None:
        self.private: RSAPrivateKey = rsa.generate_private_key(65537, 2048)
        self.kid = secrets.token_hex(8)

    def jwk(self) -> dict[str, Any]:
        """The public half as a JWKS entry."""
        entry = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private.public_key()))
        return entry | {"kid": self.kid, "use": "sig", "alg": "RS256"}

    def sign(self, claims: dict[str, Any]) -> str:
        """A token with these claims."""
        return jwt.encode(claims, self.private, algorithm="RS256", headers={"kid": self.kid})


class JwksDouble(LoopbackServer):
    """Serves GET /{tenant}/discovery/v2.0/keys with the keys it is given."""

    def __init__(self, *keys: SigningKey) -> None:
        super().__init__()
        self.keys = list(keys)

    @property
    def template(self) -> str:
        """The JWKS URL with Tandem's {tenant} placeholder."""
        return self.url + "/{tenant}/discovery/v2.0/keys"

    def _add_routes(self, app: web.Application) -> None:
        app.router.add_get("/{tenant}/discovery/v2.0/keys", self._keys)

    async def _keys(self, request: web.Request) -> web.Response:
        return web.json_response({"keys": [key.jwk() for key in self.keys]})


def entra_claims(tenant: str, audience: str, oid: str) -> dict[str, Any]:
    """The claims of a Teams SSO access token (v2) for the tab."""
    now = int(time.time())
    return {
        "iss": f"https://login.microsoftonline.com/{tenant}/v2.0",
        "aud": audience,
        "tid": tenant,
        "oid": oid,
        "name": "Amina Diallo",
        "preferred_username": "amina@un.org",
        "scp": "access_as_user",
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
    }
