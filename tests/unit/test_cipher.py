"""AnswerCipher keeps confidential answers unreadable at rest; keys rotate; errors are clear."""

from __future__ import annotations

import os
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teams_app.config import ConfigError, load_settings
from teams_app.storage.cipher import (
    DEV_KEY_FILE,
    AnswerCipher,
    EncryptionKeyError,
    UndecryptableAnswers,
    dev_encryption_keys,
    generate_key,
    is_fernet_key,
)

ANSWERS = {"gender": "femme", "nationality": "Brésilienne", "ages": [30, 39], "disability": None}
OLD_KEY, NEW_KEY = generate_key(), generate_key()
NO_DOTENV = Path("/nonexistent/.env")
DEV = {"TANDEM_DEV_MODE": "true"}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def test_answers_come_back_as_they_were_encrypted() -> None:
    cipher = AnswerCipher([OLD_KEY])

    assert cipher.decrypt(cipher.encrypt(ANSWERS)) == ANSWERS


@given(document=st.dictionaries(st.text(), json_values, max_size=6))
def test_any_json_object_survives_encryption(document: dict[str, Any]) -> None:
    cipher = AnswerCipher([OLD_KEY])

    assert cipher.decrypt(cipher.encrypt(document)) == document


def test_the_token_shows_neither_the_answers_nor_the_key() -> None:
    token = AnswerCipher([OLD_KEY]).encrypt(ANSWERS)

    for plain in ["femme", "Brésilienne", "gender", "nationality", OLD_KEY]:
        assert plain.encode() not in token
    assert token != AnswerCipher([OLD_KEY]).encrypt(ANSWERS)  # a fresh IV every time


def test_after_rotation_to_a_new_first_key_the_old_key_can_be_removed() -> None:
    old_token = AnswerCipher([OLD_KEY]).encrypt(ANSWERS)
    during = AnswerCipher([NEW_KEY, OLD_KEY])

    assert during.decrypt(old_token) == ANSWERS
    rotated = during.rotate(old_token)

    assert AnswerCipher([NEW_KEY]).decrypt(rotated) == ANSWERS
    assert AnswerCipher([NEW_KEY]).decrypt(during.encrypt(ANSWERS)) == ANSWERS


def test_a_wrong_key_is_a_clear_error_not_garbage() -> None:
    token = AnswerCipher([OLD_KEY]).encrypt(ANSWERS)
    stranger = AnswerCipher([NEW_KEY])

    with pytest.raises(UndecryptableAnswers, match="missing from TANDEM_ENCRYPTION_KEYS"):
        stranger.decrypt(token)
    with pytest.raises(UndecryptableAnswers):
        stranger.rotate(token)


def test_a_tampered_token_is_refused() -> None:
    token = bytearray(AnswerCipher([OLD_KEY]).encrypt(ANSWERS))
    token[40] = ord("A") if token[40] != ord("A") else ord("B")

    with pytest.raises(UndecryptableAnswers):
        AnswerCipher([OLD_KEY]).decrypt(bytes(token))


def test_a_malformed_key_is_named_by_position_and_never_echoed() -> None:
    almost = OLD_KEY[:-4]

    with pytest.raises(EncryptionKeyError, match="position 2 of 2") as refused:
        AnswerCipher([NEW_KEY, almost])

    assert almost not in str(refused.value) and NEW_KEY not in str(refused.value)


@pytest.mark.parametrize("keys", [[], OLD_KEY])
def test_no_keys_or_one_bare_string_is_refused(keys: Any) -> None:
    with pytest.raises(EncryptionKeyError):
        AnswerCipher(keys)


def test_generated_keys_are_distinct_fernet_keys_and_repr_hides_them() -> None:
    keys = {generate_key() for _ in range(10)}

    assert len(keys) == 10 and all(is_fernet_key(key) for key in keys)
    assert OLD_KEY not in repr(AnswerCipher([OLD_KEY]))


def test_the_dev_key_is_created_private_once_and_then_reused(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"

    first = dev_encryption_keys(data_dir)
    again = dev_encryption_keys(data_dir)

    assert first == again and len(first) == 1 and is_fernet_key(first[0])
    mode = stat.S_IMODE(os.stat(data_dir / DEV_KEY_FILE).st_mode)
    assert mode == 0o600
    assert [path.name for path in data_dir.iterdir()] == [DEV_KEY_FILE]


def test_processes_starting_together_share_one_dev_key(tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = list(pool.map(lambda _: dev_encryption_keys(tmp_path), range(16)))

    assert len(set(keys)) == 1


def test_the_dev_key_file_may_list_older_keys_after_the_first(tmp_path: Path) -> None:
    (tmp_path / DEV_KEY_FILE).write_text(f"{NEW_KEY}\n\n{OLD_KEY}\n")

    assert dev_encryption_keys(tmp_path) == (NEW_KEY, OLD_KEY)


def test_a_damaged_dev_key_file_is_refused_without_echoing_it(tmp_path: Path) -> None:
    (tmp_path / DEV_KEY_FILE).write_text("not-a-key\n")

    with pytest.raises(EncryptionKeyError, match="does not hold Fernet keys") as refused:
        dev_encryption_keys(tmp_path)

    assert "not-a-key" not in str(refused.value)


def test_encryption_keys_are_read_from_the_environment_in_order() -> None:
    settings = load_settings(DEV | {"TANDEM_ENCRYPTION_KEYS": f" {NEW_KEY} ,{OLD_KEY},"}, NO_DOTENV)

    assert settings.encryption_keys == (NEW_KEY, OLD_KEY)
    assert NEW_KEY not in repr(settings)
    assert load_settings(DEV, NO_DOTENV).encryption_keys == ()


def test_a_bad_encryption_key_setting_names_its_position_and_hides_the_keys() -> None:
    bad = OLD_KEY[:20]

    with pytest.raises(ConfigError) as refused:
        load_settings(DEV | {"TANDEM_ENCRYPTION_KEYS": f"{NEW_KEY},{bad}"}, NO_DOTENV)

    message = str(refused.value)
    assert message == (
        "environment: TANDEM_ENCRYPTION_KEYS: must be comma-separated Fernet keys "
        "(python -m teams_app generate-key), got an invalid key at position 2 of 2"
    )
    assert bad not in message and NEW_KEY not in message
