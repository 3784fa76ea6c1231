"""Confidential answers encrypted at rest with Fernet; several keys allow rotation.

The first key encrypts, every key decrypts (MultiFernet). Keys never reach the database or the
logs, and no error message here repeats a key or a decrypted value.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

DEV_KEY_FILE = "dev-encryption.key"


class EncryptionKeyError(ValueError):
    """An encryption key is malformed or missing; the message never contains a key."""


class UndecryptableAnswers(Exception):
    """Stored confidential answers cannot be decrypted with the configured keys."""


def generate_key() -> str:
    """A new random Fernet key (urlsafe base64 text), for TANDEM_ENCRYPTION_KEYS."""
    return Fernet.generate_key().decode("ascii")


def is_fernet_key(key: str) -> bool:
    """Whether `key` is 32 bytes in urlsafe base64, as Fernet requires."""
    try:
        Fernet(key.strip())
    except (ValueError, TypeError):
        return False
    return True


def _fernets(keys: Sequence[str]) -> list[Fernet]:
    if isinstance(keys, str):
        raise EncryptionKeyError("encryption keys must be a list of keys, not one string")
    if not keys:
        raise EncryptionKeyError("at least one encryption key is needed")
    bad = [str(n) for n, key in enumerate(keys, start=1) if not is_fernet_key(key)]
    if bad:
        raise EncryptionKeyError(
            f"encryption key at position {', '.join(bad)} of {len(keys)} is not a Fernet key "
            "(32 bytes, urlsafe base64: python -m teams_app generate-key)"
        )
    return [Fernet(key.strip()) for key in keys]


class AnswerCipher:
    """Encrypts answer documents with the first key; decrypts with any of the keys."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._fernet = MultiFernet(_fernets(keys))
        self.key_count = len(keys)

    def __repr__(self) -> str:
        return f"AnswerCipher(<{self.key_count} keys>)"

    def encrypt(self, document: dict[str, Any]) -> bytes:
        """The document as JSON, encrypted and authenticated with the primary key."""
        plain = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        return self._fernet.encrypt(plain.encode("utf-8"))

    def decrypt(self, token: bytes) -> dict[str, Any]:
        """The document a token holds; UndecryptableAnswers if no key opens it."""
        try:
            plain = self._fernet.decrypt(token)
        except InvalidToken:
            raise _undecryptable(self.key_count) from None
        document = json.loads(plain.decode("utf-8"))
        if not isinstance(document, dict):
            raise UndecryptableAnswers("the decrypted confidential answers are not a JSON object")
        return document

    def seal(self, document: dict[str, Any], now: float) -> bytes:
        """The document encrypted as sealed at `now` (Unix time), for open_fresh."""
        plain = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        return self._fernet.encrypt_at_time(plain.encode("utf-8"), int(now))

    def open_fresh(self, token: bytes, max_age_seconds: int, now: float) -> dict[str, Any] | None:
        """A document sealed at most `max_age_seconds` before `now` (Unix time); None if not."""
        try:
            plain = self._fernet.decrypt_at_time(token, max_age_seconds, int(now))
        except InvalidToken:
            return None
        document = json.loads(plain.decode("utf-8"))
        return document if isinstance(document, dict) else None

    def rotate(self, token: bytes) -> bytes:
        """The same document re-encrypted with the primary key (its timestamp is kept)."""
        try:
            return self._fernet.rotate(token)
        except InvalidToken:
            raise _undecryptable(self.key_count) from None


def _undecryptable(key_count: int) -> UndecryptableAnswers:
    return UndecryptableAnswers(
        f"confidential answers cannot be decrypted with any of the {key_count} configured "
        "encryption key(s): the key that encrypted them is missing from TANDEM_ENCRYPTION_KEYS "
        "(keep old keys after the new first one until rotation has run) or the data is corrupt"
    )


def dev_encryption_keys(data_dir: Path) -> tuple[str, ...]:
    """The development keys kept in `data_dir/dev-encryption.key`, created (0600) on first use.

    One key a line, the first one encrypting; for development only, production sets
    TANDEM_ENCRYPTION_KEYS.
    """
    path = data_dir / DEV_KEY_FILE
    if not path.exists():
        _create_key_file(path)
    keys = tuple(line.strip() for line in path.read_text("ascii").splitlines() if line.strip())
    if not keys or not all(is_fernet_key(key) for key in keys):
        raise EncryptionKeyError(
            f"{path} does not hold Fernet keys (one a line); delete it to start afresh "
            "only if no confidential answers were saved with it"
        )
    return keys


def _create_key_file(path: Path) -> None:
    """Write a new key beside `path`, then link it into place: replicas starting together
    either create the file or read the complete one, never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(generate_key() + "\n")
        # If another process linked its file first, its key is the one to use.
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink(missing_ok=True)
