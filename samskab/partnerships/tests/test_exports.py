"""Exports of rounds, candidates and partnerships: a facilitator's own rounds only."""

import pytest
from django.urls import reverse

from samskab.core.models import AccessAction, AccessLogEntry
from samskab.core.tests.exporting import csv_rows, xlsx_rows
from samskab.partnerships.tests.factories import RoundFactory, facilitator_for, partnership

pytestmark = pytest.mark.django_db


def test_rounds_export_has_the_facilitators_rounds_only(client):
    mine, other = RoundFactory(theme="Min runde"), RoundFactory(theme="Fremmed runde")
    client.force_login(facilitator_for(mine))

    rows = csv_rows(client.get(reverse("partnerships:index"), {"format": "csv"}))

    assert rows[0][0] == "Tema"
    assert [row[0] for row in rows[1:]] == ["Min runde"]
    assert other.theme not in str(rows)


def test_partnership_and_candidate_exports_of_a_round_are_logged(client):
    p = partnership()
    client.force_login(facilitator_for(p.round))
    url = reverse("partnerships:round-detail", args=[p.round.pk])

    pairs = csv_rows(client.get(url, {"format": "csv", "liste": "partnerskaber"}))
    experts = xlsx_rows(client.get(url, {"format": "xlsx", "liste": "eksperter"}))
    leaders = csv_rows(client.get(url, {"format": "csv", "liste": "ledere"}))

    assert pairs[1][1] == p.expert.citizen.display_name
    assert experts[0][0] == "Navn" and experts[1][0] == p.expert.citizen.display_name
    assert len(leaders) == 2
    exported = AccessLogEntry.objects.filter(action=AccessAction.EXPORT)
    assert set(exported.values_list("citizen_id", flat=True)) == {p.expert.citizen_id}
    assert exported.count() == 2


def test_round_export_of_another_organisation_is_404(client):
    p = partnership()
    client.force_login(facilitator_for(RoundFactory()))

    response = client.get(
        reverse("partnerships:round-detail", args=[p.round.pk]),
        {"format": "csv", "liste": "partnerskaber"},
    )

    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()


def test_payment_export_with_an_unknown_format_is_404(client):
    p = partnership()
    client.force_login(facilitator_for(p.round))

    response = client.get(reverse("partnerships:payment-export", args=[p.round.pk, "exe"]))

    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()
