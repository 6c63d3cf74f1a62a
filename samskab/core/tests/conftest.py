"""The demo data once per test module, and a logged-in test client per demo user.

Loading the demo takes seconds, so the walk-every-URL tests share one load per module:
the module fixture opens a transaction that is rolled back at the end, and every test
inside runs in its own savepoint.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from samskab.core.access import ANONYMOUS, demo_users


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_clients(demo_data, django_db_blocker):
    """Anonymous visitor and every demo user, each with its own logged-in client."""
    cache.clear()
    with django_db_blocker.unblock():
        users = get_user_model().objects.in_bulk(list(demo_users()), field_name="username")
        clients = {ANONYMOUS: Client()}
        for username in demo_users():
            client = Client()
            client.force_login(users[username])
            clients[username] = client
    return clients
