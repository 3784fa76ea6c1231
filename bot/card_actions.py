"""Reading `adaptiveCard/action` invokes and answering them in the shape Teams expects."""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from botbuilder.core import InvokeResponse
from botbuilder.schema import AdaptiveCardInvokeResponse
from msrest.serialization import Model

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
MAX_DATA_KEYS = 64


@dataclass(frozen=True)
class CardAction:
    """The verb of a pressed Action.Execute button and the data (inputs included) it carried."""

    verb: str
    data: dict[str, Any]


def read_card_action(value: object) -> CardAction | None:
    """The card action in an invoke's value, or None when it is not shaped like one."""
    if not isinstance(value, dict):
        return None
    action = value.get("action")
    if not isinstance(action, dict):
        return None
    verb = action.get("verb")
    data = action.get("data", {})
    if not isinstance(verb, str) or not verb or len(verb) > 100:
        return None
    if not isinstance(data, dict) or len(data) > MAX_DATA_KEYS:
        return None
    return CardAction(verb=verb, data=data)


def card_response(card: dict[str, Any]) -> InvokeResponse:
    """An invoke response that replaces the pressed card with `card`.

    The body must stay the botbuilder model, not a dict: CloudAdapter serialises it once more
    and a dict fails there with HTTP 500 (design decision 4).
    """
    body = AdaptiveCardInvokeResponse(status_code=HTTPStatus.OK, type=CARD_CONTENT_TYPE, value=card)
    return InvokeResponse(status=HTTPStatus.OK, body=body)


class _MessageInvokeResponse(Model):
    """AdaptiveCardInvokeResponse with a text value: botbuilder's model types `value` as a
    dict, and its serializer refuses the text Teams expects for a message response."""

    _attribute_map = {  # noqa: RUF012 - msrest reads it from the class, as its models do
        "status_code": {"key": "statusCode", "type": "int"},
        "type": {"key": "type", "type": "str"},
        "value": {"key": "value", "type": "str"},
    }

    def __init__(self, *, status_code: int, type: str, value: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.status_code = status_code
        self.type = type
        self.value = value


def message_response(text: str) -> InvokeResponse:
    """An invoke response that leaves the pressed card as it is and shows `text` under it."""
    body = _MessageInvokeResponse(
        status_code=HTTPStatus.OK, type="application/vnd.microsoft.activity.message", value=text
    )
    return InvokeResponse(status=HTTPStatus.OK, body=body)


def bad_request_response(message: str) -> InvokeResponse:
    """An invoke response for a value Tandem cannot read at all."""
    body = AdaptiveCardInvokeResponse(
        status_code=HTTPStatus.BAD_REQUEST,
        type="application/vnd.microsoft.error",
        value={"code": "BadRequest", "message": message},
    )
    return InvokeResponse(status=HTTPStatus.OK, body=body)
