"""Who may do what in welfare innovation.

Projects, missions and lessons are not personal data: every staff member in the network
reads them. Partners' staff edit their projects; partners' leaders decide at the gates;
the mission owner's leaders accept organisations into a mission. Access functions give
the same 404 for "does not exist" and "not yours", so IDs leak nothing.
"""

import rules
from django.http import Http404

from samskab.people.models import Role
from samskab.people.permissions import (
    is_platform_admin,
    is_staff_member,
    organisation_ids_with_role,
)

from .models import Challenge, Mission, Project

STAFF_ROLES = frozenset(set(Role) - {Role.CITIZEN})


def staff_organisation_ids(user) -> set[int]:
    return organisation_ids_with_role(user, STAFF_ROLES)


def leader_organisation_ids(user) -> set[int]:
    return organisation_ids_with_role(user, {Role.LEADER})


def partner_ids(project) -> set[int]:
    cached = getattr(project, "_partner_ids", None)
    if cached is None:
        cached = set(project.partners.values_list("organisation_id", flat=True))
        project._partner_ids = cached
    return cached


@rules.predicate
def is_network_member(user):
    return bool(is_staff_member(user) or is_platform_admin(user))


@rules.predicate
def works_in_partner(user, project):
    return project is not None and bool(partner_ids(project) & staff_organisation_ids(user))


@rules.predicate
def leads_partner(user, project):
    return project is not None and bool(partner_ids(project) & leader_organisation_ids(user))


@rules.predicate
def leads_mission_owner(user, mission):
    return mission is not None and mission.owner_id in leader_organisation_ids(user)


@rules.predicate
def has_staff_record(user):
    return user.is_authenticated and hasattr(user, "staff_member") and is_staff_member(user)


@rules.predicate
def is_leader(user):
    return bool(leader_organisation_ids(user))


can_view_portfolio = is_network_member
can_create_project = has_staff_record
can_change_project = works_in_partner | is_platform_admin
can_decide_gate = leads_partner | is_platform_admin
can_request_to_join_mission = is_leader
can_create_mission = is_leader
can_create_challenge = can_create_mission
can_decide_membership = leads_mission_owner | is_platform_admin
can_share_lesson = has_staff_record
can_change_mission_network = leads_mission_owner | is_platform_admin

rules.add_perm("innovation.view_project", can_view_portfolio)
rules.add_perm("innovation.add_project", can_create_project)
rules.add_perm("innovation.change_project", can_change_project)
rules.add_perm("innovation.add_gatedecision", can_decide_gate)
rules.add_perm("innovation.add_challenge", can_create_challenge)


def get_project_for(user, pk) -> Project:
    project = Project.objects.select_related("mission__challenge").filter(pk=pk).first()
    if project is None or not can_view_portfolio(user):
        raise Http404
    return project


def get_mission_for(user, pk) -> Mission:
    mission = Mission.objects.select_related("challenge", "owner").filter(pk=pk).first()
    if mission is None or not can_view_portfolio(user):
        raise Http404
    return mission


def get_challenge_for(user, pk) -> Challenge:
    challenge = Challenge.objects.filter(pk=pk).first()
    if challenge is None or not can_view_portfolio(user):
        raise Http404
    return challenge
