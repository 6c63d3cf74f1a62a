"""Exports of a team's pathways, a pathway's meetings and overdue captures: team members only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.core.models import AccessAction, AccessLogEntry
from samskab.core.tests.exporting import csv_rows, xlsx_rows
from samskab.pathways.tests.factories import MeetingFactory, PathwayFactory, team_user
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_meeting():
    return MeetingFactory(held_on=timezone.localdate() - datetime.timedelta(days=10))


def test_team_pathways_export_is_logged_per_citizen(client, overdue_meeting):
    pathway = overdue_meeting.pathway
    client.force_login(team_user(pathway.team))
    url = reverse("pathways:team-detail", args=[pathway.team.pk])

    rows = csv_rows(client.get(url, {"format": "csv", "liste": "forloeb"}))

    assert rows[0][:2] == ["Forløb-id", "Borger"]
    assert rows[1][1] == pathway.citizen.display_name
    assert rows[1][5] == "1"  # meetings
    entry = AccessLogEntry.objects.get(action=AccessAction.EXPORT)
    assert entry.citizen_id == pathway.citizen_id


def test_overdue_export_on_the_start_page_has_only_my_teams(client, overdue_meeting):
    MeetingFactory(held_on=timezone.localdate() - datetime.timedelta(days=10))  # another team
    client.force_login(team_user(overdue_meeting.pathway.team))

    rows = xlsx_rows(
        client.get(reverse("pathways:team-list"), {"format": "xlsx", "liste": "opsamlinger"})
    )

    assert rows[0] == ["Møde-id", "Dato", "Team", "Borger"]
    assert [row[0] for row in rows[1:]] == [overdue_meeting.pk]


def test_meeting_export_of_a_pathway(client, overdue_meeting):
    pathway = overdue_meeting.pathway
    client.force_login(team_user(pathway.team))

    rows = csv_rows(
        client.get(
            reverse("pathways:pathway-detail", args=[pathway.pk]),
            {"format": "csv", "liste": "moeder"},
        )
    )

    assert rows[1][0] == str(overdue_meeting.pk)
    assert rows[1][5] == "Nej"  # no learning capture yet


def test_other_teams_leaders_and_citizens_export_nothing(client, overdue_meeting):
    pathway = overdue_meeting.pathway
    outsider = team_user(PathwayFactory().team)
    leader = user_with_role(Role.LEADER, pathway.team.organisation)
    team_url = reverse("pathways:team-detail", args=[pathway.team.pk])
    pathway_url = reverse("pathways:pathway-detail", args=[pathway.pk])

    client.force_login(outsider)
    assert client.get(team_url, {"format": "csv", "liste": "forloeb"}).status_code == 404
    assert client.get(pathway_url, {"format": "csv", "liste": "moeder"}).status_code == 404
    client.force_login(leader)  # aggregates only: the team page, never a file of citizens
    response = client.get(team_url, {"format": "csv", "liste": "forloeb"})
    assert response["Content-Type"].startswith("text/html")
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()
