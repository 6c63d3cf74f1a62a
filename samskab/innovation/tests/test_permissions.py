"""Role × action matrix: network staff read; partners edit; partners' leaders decide gates."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from samskab.innovation.permissions import (
    can_change_project,
    can_create_challenge,
    can_create_mission,
    can_create_project,
    can_decide_gate,
    can_decide_membership,
    can_request_to_join_mission,
    can_view_portfolio,
    get_challenge_for,
    get_mission_for,
    get_project_for,
)
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, citizen_with_login, user_with_role

from .factories import ChallengeFactory, MissionFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory()


def owner_org(project):
    return project.partners.get().organisation


def test_anonymous_may_do_nothing(project):
    anonymous = AnonymousUser()
    assert not can_view_portfolio(anonymous)
    assert not can_create_project(anonymous)
    assert not can_change_project(anonymous, project)
    assert not can_decide_gate(anonymous, project)
    with pytest.raises(Http404):
        get_project_for(anonymous, project.pk)


def test_citizen_may_not_see_the_portfolio(project):
    citizen_user = citizen_with_login().user
    assert not can_view_portfolio(citizen_user)
    assert not can_create_project(citizen_user)
    with pytest.raises(Http404):
        get_project_for(citizen_user, project.pk)


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.LEADER, Role.RESEARCHER])
def test_staff_in_other_organisation_reads_but_does_not_edit(project, role):
    other = user_with_role(role, OrganisationFactory())
    assert can_view_portfolio(other)
    assert get_project_for(other, project.pk) == project
    assert not can_change_project(other, project)
    assert not can_decide_gate(other, project)


def test_partner_professional_edits_but_does_not_decide_gates(project):
    user = user_with_role(Role.PROFESSIONAL, owner_org(project))
    assert can_change_project(user, project)
    assert not can_decide_gate(user, project)


def test_partner_leader_decides_gates(project):
    user = user_with_role(Role.LEADER, owner_org(project))
    assert can_change_project(user, project)
    assert can_decide_gate(user, project)


def test_admin_may_decide_gates(project):
    admin = user_with_role(Role.ADMIN)
    assert can_decide_gate(admin, project)
    assert not can_create_project(admin)  # no staff record: projects belong to organisations


def test_missing_and_forbidden_give_the_same_404():
    with pytest.raises(Http404):
        get_project_for(user_with_role(Role.PROFESSIONAL), 999_999)
    with pytest.raises(Http404):
        get_mission_for(AnonymousUser(), MissionFactory().pk)


def test_mission_owner_leader_decides_memberships():
    mission = MissionFactory()
    owner_leader = user_with_role(Role.LEADER, mission.owner)
    owner_professional = user_with_role(Role.PROFESSIONAL, mission.owner)
    other_leader = user_with_role(Role.LEADER, OrganisationFactory())
    assert can_decide_membership(owner_leader, mission)
    assert not can_decide_membership(owner_professional, mission)
    assert not can_decide_membership(other_leader, mission)
    assert can_request_to_join_mission(other_leader)
    assert not can_request_to_join_mission(owner_professional)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.LEADER, True),
        (Role.PROFESSIONAL, False),
        (Role.RESEARCHER, False),
        (Role.ADMIN, False),
    ],
)
def test_only_leaders_create_challenges_like_missions(role, allowed):
    user = user_with_role(role, OrganisationFactory())
    assert bool(can_create_challenge(user)) is allowed
    assert bool(can_create_challenge(user)) == bool(can_create_mission(user))
    assert user.has_perm("innovation.add_challenge") is allowed


def test_anonymous_and_citizen_may_not_create_or_see_challenges():
    challenge = ChallengeFactory()
    for user in (AnonymousUser(), citizen_with_login().user):
        assert not can_create_challenge(user)
        with pytest.raises(Http404):
            get_challenge_for(user, challenge.pk)
    staff = user_with_role(Role.PROFESSIONAL, OrganisationFactory())
    assert get_challenge_for(staff, challenge.pk) == challenge
    with pytest.raises(Http404):
        get_challenge_for(staff, 999_999)


def test_partner_changes_other_organisation_and_wrong_role_may_not(project):
    """Changing partners is changing the project: staff in a partner organisation only."""
    assert can_change_project(user_with_role(Role.PROFESSIONAL, owner_org(project)), project)
    assert not can_change_project(user_with_role(Role.LEADER, OrganisationFactory()), project)
    assert not can_change_project(citizen_with_login().user, project)
    assert not can_change_project(AnonymousUser(), project)
