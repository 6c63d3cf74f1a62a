"""The pathways main flow through the API alone: open a pathway, add a meeting, record a
learning capture and the citizen's rating; who may reach what, and the monthly medians that
are all a leader gets of the ratings."""

import datetime

import pytest
from django.utils import timezone

from samskab.api.testing import ApiClient
from samskab.core.models import AccessLogEntry
from samskab.pathways.models import Pathway, TeamRole
from samskab.people.models import Role
from samskab.people.tests.factories import UserFactory, user_with_role

from .factories import (
    MeetingFactory,
    MeetingRatingFactory,
    PathwayFactory,
    PracticeElementFactory,
    TeamFactory,
    citizen_with_pathway_consent,
    team_user,
)

pytestmark = pytest.mark.django_db


def test_main_flow_pathway_meeting_capture_and_rating():
    team = TeamFactory()
    member = team_user(team)
    supervisor = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    citizen = citizen_with_pathway_consent(team.organisation, user=UserFactory())
    element = PracticeElementFactory(organisation=team.organisation)
    client = ApiClient(member)

    opened = client.post(
        "/pathways/pathways",
        {"team_id": team.pk, "citizen_id": citizen.pk, "rationale": "Mange sager, intet overblik."},
    )
    assert opened.status_code == 201, opened.json()
    pathway_id = opened.json()["id"]
    twice = client.post(
        "/pathways/pathways", {"team_id": team.pk, "citizen_id": citizen.pk, "rationale": "Igen"}
    )
    assert twice.status_code == 422

    meeting = client.post(
        f"/pathways/pathways/{pathway_id}/meetings",
        {
            "held_on": str(timezone.localdate()),
            "participant_ids": [supervisor.staff_member.pk],
            "supervisor_present": True,
        },
    )
    assert meeting.status_code == 201, meeting.json()
    meeting_id = meeting.json()["id"]

    capture = ApiClient(supervisor).post(
        f"/pathways/meetings/{meeting_id}/learning-capture",
        {
            "what_worked": "Borgeren styrede dagsordenen.",
            "what_next": "Færre fagpersoner.",
            "perspective": "both",
            "practice_element_ids": [element.pk],
        },
    )
    assert capture.status_code == 201, capture.json()
    assert capture.json()["practice_element_ids"] == [element.pk]
    duplicate = client.post(
        f"/pathways/meetings/{meeting_id}/learning-capture",
        {"what_worked": "x", "what_next": "y", "perspective": "system"},
    )
    assert duplicate.status_code == 409

    rating = client.post(
        f"/pathways/meetings/{meeting_id}/rating",
        {"heard": 9, "what_matters": 8, "way_of_working": 7, "overall": 8, "comment": "Godt"},
    )
    assert rating.status_code == 201, rating.json()
    again = client.post(
        f"/pathways/meetings/{meeting_id}/rating",
        {"heard": 1, "what_matters": 1, "way_of_working": 1, "overall": 1},
    )
    assert again.status_code == 409
    out_of_range = client.post(
        f"/pathways/meetings/{meeting_id}/rating",
        {"heard": 11, "what_matters": 1, "way_of_working": 1, "overall": 1},
    )
    assert out_of_range.status_code == 422

    own = ApiClient(citizen.user)
    assert own.get(f"/pathways/pathways/{pathway_id}").status_code == 200
    assert [
        r["overall"] for r in own.get(f"/pathways/pathways/{pathway_id}/ratings").json()["items"]
    ] == [8]
    assert own.get(f"/pathways/meetings/{meeting_id}").status_code == 404  # team pages only
    assert client.get("/pathways/learning-captures").json()["count"] == 1

    closed = client.post(f"/pathways/pathways/{pathway_id}/close")
    assert closed.json()["status"] == "closed"
    assert client.post(f"/pathways/pathways/{pathway_id}/close").status_code == 409
    late = client.post(
        f"/pathways/pathways/{pathway_id}/meetings", {"held_on": str(timezone.localdate())}
    )
    assert late.status_code == 409
    assert AccessLogEntry.objects.filter(citizen_id=citizen.pk, action="read").exists()


def test_pathway_without_consent_is_refused_and_not_stored():
    team = TeamFactory()
    member = team_user(team)
    from samskab.people.tests.factories import CitizenFactory

    citizen = CitizenFactory(organisation=team.organisation)
    response = ApiClient(member).post(
        "/pathways/pathways", {"team_id": team.pk, "citizen_id": citizen.pk, "rationale": "x"}
    )
    assert response.status_code == 409  # the citizen's consent state, not the input
    assert "samtykke" in response.json()["detail"]
    assert not Pathway.objects.exists()


def test_other_team_and_leader_cannot_reach_a_pathway():
    meeting = MeetingFactory()
    pathway = meeting.pathway
    outsider = ApiClient(team_user(TeamFactory()))
    assert outsider.get(f"/pathways/pathways/{pathway.pk}").status_code == 404
    assert outsider.get(f"/pathways/meetings/{meeting.pk}").status_code == 404
    assert outsider.get("/pathways/pathways").json()["count"] == 0
    leader = ApiClient(user_with_role(Role.LEADER, pathway.team.organisation))
    assert leader.get(f"/pathways/teams/{pathway.team_id}").status_code == 200
    assert leader.get(f"/pathways/pathways/{pathway.pk}").status_code == 404
    other_citizen = citizen_with_pathway_consent(pathway.team.organisation, user=UserFactory())
    assert ApiClient(other_citizen.user).get(f"/pathways/pathways/{pathway.pk}").status_code == 404


def test_pathway_list_filters_by_status():
    pathway = PathwayFactory()
    member = team_user(pathway.team)
    client = ApiClient(member)
    assert client.get("/pathways/pathways", {"status": "open"}).json()["count"] == 1
    assert client.get("/pathways/pathways", {"status": "closed"}).json()["count"] == 0


def _rate(team, held_on, overall):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team), held_on=held_on)
    return MeetingRatingFactory(meeting=meeting, overall=overall, heard=overall, comment="")


def test_leader_gets_monthly_counts_and_medians_but_no_rating():
    team = TeamFactory()
    this = timezone.localdate().replace(day=1)
    last = (this - datetime.timedelta(days=1)).replace(day=1)
    ratings = [_rate(team, last, value) for value in (2, 5, 6, 8, 9)]  # median 6
    ratings.append(_rate(team, this, 1))  # alone in its month: suppressed
    leader = ApiClient(user_with_role(Role.LEADER, team.organisation))
    response = leader.get(f"/pathways/teams/{team.pk}/rating-periods")
    assert response.status_code == 200
    assert response.json() == {
        "team_id": team.pk,
        "min_ratings": 5,
        "min_citizens": 2,
        "periods": [
            {"month": f"{last:%Y-%m}", "ratings": 5, "median": 6.0, "is_suppressed": False},
            {"month": f"{this:%Y-%m}", "ratings": None, "median": None, "is_suppressed": True},
        ],
    }
    # The single ratings stay with the team: every route to them is 404 for the leader.
    for rating in ratings:
        pathway_id = rating.meeting.pathway_id
        assert leader.get(f"/pathways/pathways/{pathway_id}/ratings").status_code == 404
        assert leader.get(f"/pathways/meetings/{rating.meeting_id}").status_code == 404
    assert leader.get("/pathways/pathways").json()["count"] == 0
    assert not AccessLogEntry.objects.exists()


def test_rating_periods_are_scoped_to_the_team():
    team = TeamFactory()
    member = ApiClient(team_user(team))
    assert member.get(f"/pathways/teams/{team.pk}/rating-periods").json()["periods"] == []
    for user in (user_with_role(Role.LEADER), team_user(TeamFactory())):
        other = ApiClient(user)
        assert other.get(f"/pathways/teams/{team.pk}/rating-periods").status_code == 404
