"""Export of a citizen's measurements: need-to-know only, every row in the citizen's log."""

import pytest
from django.urls import reverse

from samskab.core.models import AccessAction, AccessLogEntry
from samskab.core.tests.exporting import csv_rows
from samskab.outcomes.tests.factories import (
    MeasurementFactory,
    consenting_citizen,
    professional_for,
)
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_measurement_export_is_logged(client):
    citizen = consenting_citizen()
    MeasurementFactory(citizen=citizen)
    client.force_login(professional_for(citizen))

    rows = csv_rows(
        client.get(reverse("outcomes:citizen-measurements", args=[citizen.pk]), {"format": "csv"})
    )

    assert rows[0][:3] == ["Borger-id", "Effektmål", "Målt den"]
    assert rows[1][3] == "5,00"
    assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT, citizen_id=citizen.pk).exists()


def test_another_organisation_cannot_export_the_measurements(client):
    citizen = consenting_citizen()
    MeasurementFactory(citizen=citizen)
    client.force_login(user_with_role(Role.PROFESSIONAL))

    response = client.get(
        reverse("outcomes:citizen-measurements", args=[citizen.pk]), {"format": "csv"}
    )

    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()
