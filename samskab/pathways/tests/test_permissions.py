"""Role × action matrix for pathways: team membership decides, leaders get aggregates."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from samskab.pathways.models import TeamRole
from samskab.pathways.permissions import (
    can_decide_on_element,
    can_hand_over_rating,
    can_open_pathway,
    can_record_capture,
    can_view_element,
    can_view_pathway,
    can_view_team,
    can_view_team_pathways,
    get_meeting_for,
    get_pathway_for,
    get_team_for,
)
from samskab.people.models import Role
from samskab.people.tests.factories import citizen_with_login, user_with_role

from .factories import (
    MeetingFactory,
    PathwayFactory,
    PracticeElementFactory,
    TeamFactory,
    citizen_with_pathway_consent,
    team_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    team = TeamFactory()
    citizen = citizen_with_login(organisation=team.organisation)
    pathway = PathwayFactory(team=team, citizen=citizen)
    meeting = MeetingFactory(pathway=pathway)
    element = PracticeElementFactory(organisation=team.organisation, team=team)
    return team, pathway, meeting, element


def _user(kind, team, pathway):
    if kind in TeamRole.values:
        return team_user(team, kind)
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "citizen":
        return pathway.citizen.user
    if kind == "other citizen":
        return citizen_with_login(organisation=team.organisation).user
    if kind == "colleague not in team":
        return user_with_role(Role.PROFESSIONAL, team.organisation)
    if kind == "leader":
        return user_with_role(Role.LEADER, team.organisation)
    if kind == "leader other organisation":
        return user_with_role(Role.LEADER)
    if kind == "member of other team":
        return team_user(TeamFactory())
    if kind == "admin":
        return user_with_role(Role.ADMIN)
    raise AssertionError(kind)


# who -> (view team, view team's pathways/open, view pathway, meeting internals, element)
MATRIX = {
    TeamRole.COORDINATOR: (True, True, True, True, True),
    TeamRole.SUPERVISOR: (True, True, True, True, True),
    TeamRole.MEMBER: (True, True, True, True, True),
    "leader": (True, False, False, False, False),
    "citizen": (False, False, True, False, False),
    "other citizen": (False, False, False, False, False),
    "colleague not in team": (False, False, False, False, False),
    "leader other organisation": (False, False, False, False, False),
    "member of other team": (False, False, False, False, False),
    "admin": (False, False, False, False, False),
    "anonymous": (False, False, False, False, False),
}


@pytest.mark.parametrize(("kind", "expected"), MATRIX.items())
def test_role_matrix(world, kind, expected):
    team, pathway, meeting, element = world
    user = _user(kind, team, pathway)
    team_, pathways, pathway_, internals, element_ = expected
    assert can_view_team(user, team) is team_
    assert can_view_team_pathways(user, team) is pathways
    assert can_open_pathway(user, team) is pathways
    assert can_view_pathway(user, pathway) is pathway_
    assert can_record_capture(user, meeting) is internals
    assert can_hand_over_rating(user, meeting) is internals
    assert can_view_element(user, element) is element_
    assert can_decide_on_element(user, element) is element_
    for allowed, get, pk in [
        (team_, get_team_for, team.pk),
        (pathway_, get_pathway_for, pathway.pk),
        (internals, get_meeting_for, meeting.pk),
    ]:
        if allowed:
            assert get(user, pk).pk == pk
        else:
            with pytest.raises(Http404):
                get(user, pk)


def test_missing_and_forbidden_give_the_same_404(world):
    team, pathway, _meeting, _element = world
    stranger = team_user(TeamFactory())
    for get, pk in [(get_team_for, team.pk), (get_pathway_for, pathway.pk)]:
        with pytest.raises(Http404):
            get(stranger, pk)
        with pytest.raises(Http404):
            get(stranger, pk + 1000)


def test_citizen_sees_only_own_pathway(world):
    team, pathway, _meeting, _element = world
    other = PathwayFactory(team=team, citizen=citizen_with_pathway_consent(team.organisation))
    assert can_view_pathway(pathway.citizen.user, pathway)
    assert not can_view_pathway(pathway.citizen.user, other)


def test_organisation_wide_element_is_visible_to_every_team_in_the_organisation(world):
    team, *_ = world
    shared = PracticeElementFactory(organisation=team.organisation)
    other_team_member = team_user(TeamFactory(organisation=team.organisation))
    assert can_view_element(other_team_member, shared)
    assert not can_view_element(team_user(TeamFactory()), shared)
