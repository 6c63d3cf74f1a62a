"""The admin's lists and change pages of personal data are access-logged (core.admin)."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.core.admin import PersonalDataAdmin
from samskab.core.models import AccessLogEntry
from samskab.core.tests.dates import days_ago
from samskab.partnerships.tests.factories import partnership
from samskab.people.tests.factories import CitizenFactory, OrganisationFactory, UserFactory
from samskab.privacy.registry import registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _reads():
    return list(AccessLogEntry.objects.filter(action="read").order_by("sequence"))


def test_every_admin_of_personal_data_logs_its_reads_and_writes():
    unlogged = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if registry.get(model) and not isinstance(model_admin, PersonalDataAdmin)
    ]
    assert not unlogged, f"{unlogged}: derive the ModelAdmin from core.admin.PersonalDataAdmin"


def test_opening_the_citizen_list_logs_each_citizen_shown(admin_client):
    organisation = OrganisationFactory()
    shown = CitizenFactory.create_batch(3, organisation=organisation)
    CitizenFactory()  # another organisation: filtered out below, so not shown and not logged
    response = admin_client.get(
        reverse("admin:people_citizen_changelist"), {"organisation__id__exact": organisation.pk}
    )
    assert response.status_code == 200
    entries = _reads()
    assert sorted(e.citizen_id for e in entries) == sorted(c.pk for c in shown)
    assert {(e.object_type, e.purpose) for e in entries} == {
        ("people.Citizen", "Administration af borgerdata")
    }


def test_the_partnership_list_logs_the_experts_shown(admin_client):
    first, second = partnership(), partnership()
    assert admin_client.get(reverse("admin:partnerships_partnership_changelist")).status_code == 200
    assert sorted((e.object_id, e.citizen_id) for e in _reads()) == sorted(
        (str(p.pk), p.expert.citizen_id) for p in (first, second)
    )


def test_the_partnership_list_runs_the_same_queries_for_1_and_10_rows(admin_client):
    url = reverse("admin:partnerships_partnership_changelist")
    partnership()
    admin_client.get(url)  # warm-up: sessions, content types

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url).status_code == 200
        return len(queries)

    one = count()
    for _ in range(9):
        partnership()
    assert count() == one


def test_opening_a_unit_membership_logs_the_citizen(admin_client):
    from samskab.compass.models import UnitMembership
    from samskab.people.tests.factories import UnitFactory

    citizen = CitizenFactory()
    membership = UnitMembership.objects.create(
        citizen=citizen,
        unit=UnitFactory(organisation=citizen.organisation),
        started_on=days_ago(30),
    )
    url = reverse("admin:compass_unitmembership_change", args=[membership.pk])
    assert admin_client.get(url).status_code == 200
    (entry,) = _reads()
    assert (entry.object_type, entry.citizen_id) == ("compass.UnitMembership", citizen.pk)
    assert entry.purpose == "Borgerens tilknytning til enhed"


def test_changing_a_citizen_in_the_admin_logs_the_write(admin_client):
    citizen = CitizenFactory(display_name="K.L.")
    url = reverse("admin:people_citizen_change", args=[citizen.pk])
    response = admin_client.post(
        url,
        {
            "display_name": "K.M.",
            "organisation": citizen.organisation_id,
            "birth_year": "",
            "email": "",
            "phone": "",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = AccessLogEntry.objects.get(action="update")
    assert (update.citizen_id, update.object_type) == (citizen.pk, "people.Citizen")


def test_reading_the_access_log_in_the_admin_is_logged_per_row(admin_client):
    citizen = CitizenFactory()
    admin_client.get(reverse("admin:people_citizen_change", args=[citizen.pk]))
    before = AccessLogEntry.objects.count()
    assert admin_client.get(reverse("admin:core_accesslogentry_changelist")).status_code == 200
    (entry,) = AccessLogEntry.objects.filter(sequence__gt=before)
    assert (entry.object_type, entry.citizen_id, entry.purpose) == (
        "core.AccessLogEntry",
        citizen.pk,
        "Tilsyn med adgangsloggen",
    )
