import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teams_app.web.activity_checks import ActivityRejected, parse_activity

VALID = {
    "type": "message",
    "serviceUrl": "http://127.0.0.1:1/",
    "conversation": {"id": "c1"},
    "from": {"id": "u1"},
    "recipient": {"id": "b1"},
    "text": "help",
}


def test_a_well_formed_activity_is_accepted() -> None:
    assert parse_activity(json.dumps(VALID).encode())["text"] == "help"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"{not json", "body is not valid JSON"),
        (b"[1, 2]", "body must be a JSON object"),
        (b"\xff\xfe", "body is not valid JSON"),
        (json.dumps({**VALID, "type": ""}).encode(), "missing type"),
        (
            json.dumps({k: v for k, v in VALID.items() if k != "conversation"}).encode(),
            "missing conversation.id",
        ),
        (json.dumps({**VALID, "from": "u1"}).encode(), "missing from.id"),
        (json.dumps({**VALID, "serviceUrl": "ftp://x"}).encode(), "http(s) URL"),
        (json.dumps({**VALID, "text": 42}).encode(), "text must be a string"),
        (b" " * 300_000, "larger than"),
    ],
)
def test_malformed_bodies_are_rejected_with_a_short_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(ActivityRejected, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_activity(raw)


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_either_parse_or_are_rejected_never_crash(raw: bytes) -> None:
    try:
        parse_activity(raw)
    except ActivityRejected as rejected:
        assert "\n" not in str(rejected)
