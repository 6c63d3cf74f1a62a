"""Lists cost the same number of queries for one row as for ten (no N+1 in the schemas)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.api.testing import ApiClient
from samskab.innovation.tests.factories import ProjectFactory
from samskab.partnerships.models import Partnership
from samskab.partnerships.tests.factories import ExpertFactory, LeaderFactory, RoundFactory
from samskab.pathways.tests.factories import (
    LearningCaptureFactory,
    MeetingFactory,
    PathwayFactory,
    TeamFactory,
    team_user,
)
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _partnerships():
    round_ = RoundFactory()
    facilitator = user_with_role(Role.FACILITATOR, round_.organisation)

    def add():
        Partnership.objects.create(
            round=round_, expert=ExpertFactory(round=round_), leader=LeaderFactory(round=round_)
        )

    return facilitator, "/partnerships/partnerships", add


def _pathways():
    team = TeamFactory()
    return team_user(team), "/pathways/pathways", lambda: PathwayFactory(team=team)


def _meetings():
    pathway = PathwayFactory()

    def add():
        LearningCaptureFactory(meeting=MeetingFactory(pathway=pathway))

    return team_user(pathway.team), f"/pathways/pathways/{pathway.pk}/meetings", add


def _captures():
    pathway = PathwayFactory()

    def add():
        LearningCaptureFactory(meeting=MeetingFactory(pathway=pathway))

    return team_user(pathway.team), "/pathways/learning-captures", add


def _projects():
    return user_with_role(Role.LEADER), "/innovation/projects", ProjectFactory


@pytest.mark.parametrize(
    "setup", [_partnerships, _pathways, _meetings, _captures, _projects], ids=lambda f: f.__name__
)
def test_list_query_count_is_independent_of_rows(setup):
    user, path, add = setup()
    client = ApiClient(user)
    add()
    assert client.get(path).json()["count"] == 1  # first use also creates the log's head row
    with CaptureQueriesContext(connection) as one:
        client.get(path)
    for _ in range(9):
        add()
    with CaptureQueriesContext(connection) as ten:
        assert client.get(path).json()["count"] == 10
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]
