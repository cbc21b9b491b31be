"""The OpenAPI schema, fuzzed in-process with schemathesis for every role (issue 12, item 8).

Each generated request (valid and invalid inputs) is sent once anonymously and once per role, with
that role's API token; every response must be no 5xx, match a documented status, content type and
schema, and carry no personal data the role may not see. Hypothesis is derandomized and bounded, so
CI is repeatable and the file stays well under a minute per database.

schemathesis' own pytest plugin (`from_fixture`) does not run under pytest 9 yet, so the operations
are driven here with Hypothesis directly: same strategies, same checks.
"""

import re

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kinerja.indicators.models import Keluarga
from kinerja.organisation.permissions import Identitas, can_see_nik
from kinerja.registries.access import identitas_unit
from kinerja.wsgi import application

from .conftest import NAMA, NIK

pytestmark = pytest.mark.api_fuzz

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SIXTEEN_DIGITS = re.compile(rb"\b\d{16}\b")
OPERATIONS = [
    ("GET", "/api/iku/"),
    ("GET", "/api/angka/"),
    ("GET", "/api/angka/{kode}/{periode}/unit/"),
]
EXAMPLES_PER_OPERATION = 25
SEEDED_FIGURE = {"kode": "IKU-2", "periode": "2025-Q1"}


@pytest.fixture
def api_schema(served, tokens):
    # As Django's test client does: the end of a request must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def callers(users, tokens) -> list[tuple[str, object, dict]]:
    """(role, user, headers): anonymous first, then every role with its token. Plain bodies are
    asked for: the WSGI transport does not undo the gzip of D212, and the privacy checks below must
    read the text itself."""
    plain = {"Accept-Encoding": "identity"}
    return [("anonim", None, plain)] + [
        (role, users[role], {**plain, "Authorization": f"Token {key}"})
        for role, key in tokens.items()
    ]


def assert_no_personal_data(role: str, user, body: bytes) -> None:
    """No full NIK to a role without D3; the seeded person's name (an IKU-2 unit, Rehabilitasi's
    registry) only to those the need-to-know rule (D60) lets see that registry's units."""
    if user is None or not can_see_nik(user):
        assert not SIXTEEN_DIGITS.search(body), f"a 16-digit number went to {role}"
    hidden = user is None or (identitas_unit(user, Keluarga.PPKS_LAYANAN) == Identitas.TERSEMBUNYI)
    if hidden:
        assert NAMA.encode() not in body, f"a person's name went to {role}"


def check_all(case, callers) -> list:
    responses = []
    for role, user, headers in callers:
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
            assert_no_personal_data(role, user, response.content)
        except Exception as exc:
            exc.add_note(f"as {role}: GET {case.formatted_path} {case.query}")
            raise
        responses.append(response)
    return responses


def test_schema_lists_exactly_the_fuzzed_operations(api_schema):
    found = sorted((op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations())
    assert found == sorted(OPERATIONS)


@pytest.mark.parametrize("method, path", OPERATIONS)
def test_every_role_gets_documented_answers(api_schema, callers, method, path):
    operation = api_schema[path][method]
    strategies = [operation.as_strategy(generation_mode=mode) for mode in GenerationMode]
    if "{kode}" in path:
        # Random codes and periods almost never name a figure with units; fuzz the rest around
        # the seeded person's figure too, so rows are checked under fuzzing as well.
        strategies.append(operation.as_strategy(path_parameters=SEEDED_FIGURE))
    cases = st.one_of(strategies)
    statuses: set[int] = set()

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    def fuzz(case):
        statuses.update(r.status_code for r in check_all(case, callers))

    fuzz()
    assert 401 in statuses or path == "/api/iku/"  # the anonymous caller was refused
    assert 200 in statuses


def test_unit_rows_match_the_schema_for_every_role(api_schema, callers):
    """The documented example reaches the seeded person, so the row shape is checked for real."""
    operation = api_schema["/api/angka/{kode}/{periode}/unit/"]["GET"]
    case = operation.Case(path_parameters=SEEDED_FIGURE)
    responses = check_all(case, callers)
    assert responses[0].status_code == 401
    for (role, user, _), response in zip(callers[1:], responses[1:], strict=True):
        assert response.status_code == 200, role
        (row,) = response.json()
        assert row["pembilang"] is True
        if not can_see_nik(user):
            assert NIK.encode() not in response.content, role
    # The person's own Bidang works with the person: full NIK (D3, D20).
    by_role = {role: r for (role, _, _), r in zip(callers, responses, strict=True)}
    assert NIK.encode() in by_role["staf_rehabilitasi"].content
