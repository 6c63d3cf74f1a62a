"""The admin obeys the login policy and logs citizen data; SQLite keeps committed writes."""

import pytest
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.urls import reverse

from samskab.core.models import AccessLogEntry
from samskab.people.tests.factories import CitizenFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.request["PATH_INFO"] == reverse("account_login")
    assert "Log ind på Samskab" in response.content.decode()


def test_admin_reading_and_changing_a_citizen_is_logged(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    citizen = CitizenFactory()
    client.force_login(admin_user)
    url = reverse("admin:people_citizen_change", args=[citizen.pk])
    assert client.get(url).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.citizen_id, entry.actor_id) == ("read", citizen.pk, admin_user.pk)
    assert client.get(reverse("admin:people_citizen_delete", args=[citizen.pk])).status_code == 403


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path, settings):
    """Open a file database with the project's own connection settings and read the pragmas."""
    default = settings.DATABASES["default"]
    if default["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite-only setting")
    wrapper = DatabaseWrapper(
        {**connections["default"].settings_dict, "NAME": str(tmp_path / "x.db")}, "pragma_check"
    )
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 2  # FULL
    finally:
        wrapper.close()
