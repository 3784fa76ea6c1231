"""The OpenAPI document describes exactly the tab API's routes, and no generated request
(valid or not, with a valid dev token) makes the server answer 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from teams_app.demo_cohort import SOFIA
from teams_app.web.tab_http import PREFIX
from teams_app.web.tab_openapi import openapi_document
from tests.integration.tab_server import ServedTandem, served_tandem

METHODS = {"get", "post", "patch", "delete", "put"}
# Generated requests per operation: enough to hit every status branch, within a minute.
EXAMPLES = 25


def _served_routes(app: web.Application) -> set[tuple[str, str]]:
    routes = set()
    for resource in app.router.resources():
        if isinstance(resource, web.PrefixedSubAppResource) and resource.canonical == PREFIX:
            for route in resource:
                if route.method != "HEAD":
                    routes.add((route.method.lower(), route.resource.canonical[len(PREFIX) :]))
    return routes


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedTandem]:
    with served_tandem(Path(tmp_path_factory.mktemp("tab"))) as running:
        yield running


def test_every_route_is_described_and_every_description_is_served(served: ServedTandem) -> None:
    described = {
        (method, path)
        for path, operations in openapi_document()["paths"].items()
        for method in operations
        if method in METHODS
    }

    assert described == _served_routes(served.tandem.web_app)


def test_the_document_is_served_without_a_token(served: ServedTandem) -> None:
    answer = requests.get(served.url + "/api/v1/openapi.json", timeout=10)

    assert answer.status_code == 200 and answer.json()["openapi"] == "3.1.0"


def test_no_generated_request_gets_a_server_error(served: ServedTandem) -> None:
    answer = requests.post(served.url + "/api/v1/dev/sign-in", json={"id": SOFIA}, timeout=10)
    headers = {"Authorization": f"Bearer {answer.json()['token']}"}
    schema = schemathesis.openapi.from_url(served.url + "/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def no_server_error(case: Any) -> None:
            response = case.call(headers=headers, timeout=30)
            case.validate_response(response, checks=[not_a_server_error])

        no_server_error()
