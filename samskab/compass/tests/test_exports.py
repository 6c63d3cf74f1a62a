"""Exports of the Esbjerg model's start page: rounds, assessments and rollouts."""

import pytest
from django.urls import reverse

from samskab.compass.tests.factories import CompassRoundFactory, RolloutFactory
from samskab.core.tests.exporting import csv_rows, xlsx_rows
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_round_and_rollout_exports_have_only_the_users_organisation(client):
    mine = OrganisationFactory()
    CompassRoundFactory(organisation=mine, title="Vores runde")
    CompassRoundFactory(title="Deres runde")
    RolloutFactory(organisation=mine)
    RolloutFactory()
    client.force_login(user_with_role(Role.LEADER, mine))
    url = reverse("compass:index")

    rounds = csv_rows(client.get(url, {"format": "csv", "liste": "kompas"}))
    rollouts = xlsx_rows(client.get(url, {"format": "xlsx", "liste": "udrulning"}))
    assessments = csv_rows(client.get(url, {"format": "csv", "liste": "parathed"}))

    assert [row[0] for row in rounds[1:]] == ["Vores runde"]
    assert rollouts[0][0] == "Udrulning" and len(rollouts) == 2
    assert assessments[0][:3] == ["Model", "Fra", "Til"]


def test_citizens_cannot_export(client):
    client.force_login(user_with_role(Role.CITIZEN))

    response = client.get(reverse("compass:index"), {"format": "csv", "liste": "kompas"})

    assert response.status_code == 403
