"""Schemathesis fuzzes every operation of the OpenAPI document through the WSGI app, as a
demo user with a personal token: no 5xx, and every response matches its documented schema.

The demo is loaded once for the module; every write the fuzzer makes is rolled back with it.
A bounded number of examples per operation keeps the run short (`make test`).
"""

import io

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from samskab.api.actions import create_token

#: The demo user whose token drives the fuzzer, per module: the one who sees and may do the
#: most there. Other users' views are covered by the permission tests.
USER_FOR_MODULE = {
    "partnerships": "facilitator",
    "people": "fagperson",
    "pathways": "fagperson",
    "outcomes": "fagperson",
    "compass": "esbjerg-leder",
    "innovation": "leder",
    "insights": "supervisor",
    "leadership": "facilitator",
    "privacy": "dpo",
}
FUZZ_USERS = sorted(set(USER_FOR_MODULE.values()))
MAX_EXAMPLES = 8

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(scope="module")
def tokens(django_db_setup, django_db_blocker):
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        users = get_user_model().objects.in_bulk(list(FUZZ_USERS), field_name="username")
        yield {name: create_token(by=users[name], name="fuzz")[1] for name in FUZZ_USERS}
        transaction.set_rollback(True)


@pytest.fixture
def fuzz_db(tokens, django_db_blocker):
    """Each operation's examples in a savepoint of the module's demo transaction.

    As in Django's test client, the start and end of a request must not close the connection that
    holds the test transaction.
    """
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            yield tokens
            transaction.set_rollback(True)
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, fuzz_db):
    module = case.operation.path.removeprefix("/api/v1/").split("/")[0]
    username = USER_FOR_MODULE.get(module, "fagperson")
    case.call_and_validate(
        # Schemathesis's WSGI transport does not decompress; the app gzips what it may.
        headers={"Authorization": f"Bearer {fuzz_db[username]}", "Accept-Encoding": "identity"},
        checks=[not_a_server_error, response_schema_conformance],
    )
