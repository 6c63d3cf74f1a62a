"""Exports of the people lists: only the rows of the page, citizen exports access-logged."""

import pytest
from django.urls import reverse

from samskab.core.models import AccessAction, AccessLogEntry
from samskab.core.tests.exporting import csv_rows, xlsx_rows
from samskab.people.models import Role
from samskab.people.tests.factories import CitizenFactory, OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_citizen_export_has_only_the_users_organisation_and_is_logged(client):
    mine, other = OrganisationFactory(), OrganisationFactory()
    anna = CitizenFactory(organisation=mine, display_name="=Anna")
    CitizenFactory(organisation=other, display_name="Bo fra en anden kommune")
    client.force_login(user_with_role(Role.PROFESSIONAL, mine))

    rows = csv_rows(client.get(reverse("people:citizen-list"), {"format": "csv"}))

    assert rows[0] == ["Borger-id", "Visningsnavn", "Fødselsår", "Organisation"]
    assert rows[1:] == [[str(anna.pk), "'=Anna", "1990", mine.name]]
    entry = AccessLogEntry.objects.get(action=AccessAction.EXPORT)
    assert entry.citizen_id == anna.pk


def test_citizen_export_of_another_organisation_gives_no_rows(client):
    CitizenFactory(organisation=OrganisationFactory())
    client.force_login(user_with_role(Role.FACILITATOR, OrganisationFactory()))

    rows = xlsx_rows(client.get(reverse("people:citizen-list"), {"format": "xlsx"}))

    assert rows == [["Borger-id", "Visningsnavn", "Fødselsår", "Organisation"]]


@pytest.mark.parametrize("role", [Role.LEADER, Role.RESEARCHER, Role.CITIZEN])
def test_roles_without_need_to_know_cannot_export_citizens(client, role):
    CitizenFactory()
    client.force_login(user_with_role(role))

    response = client.get(reverse("people:citizen-list"), {"format": "csv"})

    assert response.status_code == 403


def test_anonymous_cannot_export(client):
    response = client.get(reverse("people:citizen-list"), {"format": "csv"})

    assert response.status_code == 302 and "login" in response["Location"]


def test_organisation_export_in_both_formats(client):
    client.force_login(user_with_role(Role.LEADER))

    csv_file = csv_rows(client.get(reverse("people:organisation-list"), {"format": "csv"}))
    xlsx = xlsx_rows(client.get(reverse("people:organisation-list"), {"format": "xlsx"}))

    assert csv_file[0] == ["Navn", "Type", "Kode", "Enheder"]
    assert xlsx[0] == csv_file[0]
    assert len(xlsx) == len(csv_file) > 100  # Denmark's municipalities and regions


def test_list_pages_show_the_export_buttons(client):
    organisation = OrganisationFactory()
    client.force_login(user_with_role(Role.PROFESSIONAL, organisation))

    html = client.get(reverse("people:citizen-list")).content.decode()

    assert "?format=csv" in html and "?format=xlsx" in html
    assert "Eksportér som CSV" in html
