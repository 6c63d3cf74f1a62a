"""Who may do what in pathways: team membership decides; leaders see aggregates only.

Access functions give the same 404 for "does not exist" and "not yours", so IDs leak nothing.
"""

import rules
from django.http import Http404

from samskab.people.models import Role
from samskab.people.permissions import organisation_ids_with_role

from .models import Meeting, Pathway, PracticeElement, Team, TeamMembership, TeamRole


def team_roles_of(user) -> dict[int, str]:
    """{team id: team role} for the user, read once per request and cached on the user."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_samskab_team_roles", None)
    if cached is None:
        cached = dict(
            TeamMembership.objects.filter(staff_member__user=user).values_list("team_id", "role")
        )
        user._samskab_team_roles = cached
    return cached


def forget_team_roles(user):
    user.__dict__.pop("_samskab_team_roles", None)


def leader_organisation_ids(user) -> set[int]:
    return organisation_ids_with_role(user, {Role.LEADER})


@rules.predicate
def is_team_member(user, team):
    return team is not None and team.pk in team_roles_of(user)


@rules.predicate
def supervises_team(user, team):
    return team is not None and team_roles_of(user).get(team.pk) == TeamRole.SUPERVISOR


@rules.predicate
def leads_team_organisation(user, team):
    return team is not None and team.organisation_id in leader_organisation_ids(user)


@rules.predicate
def works_in_pathway_team(user, pathway):
    return pathway is not None and pathway.team_id in team_roles_of(user)


@rules.predicate
def is_pathway_citizen(user, pathway):
    return (
        pathway is not None
        and user.is_authenticated
        and pathway.citizen.user_id is not None
        and pathway.citizen.user_id == user.pk
    )


@rules.predicate
def works_in_meeting_team(user, meeting):
    return meeting is not None and meeting.pathway.team_id in team_roles_of(user)


@rules.predicate
def has_any_team(user):
    return bool(team_roles_of(user))


@rules.predicate
def sees_team_aggregates(user):
    return bool(team_roles_of(user)) or bool(leader_organisation_ids(user))


@rules.predicate
def works_with_element(user, element):
    if element is None:
        return False
    if element.team_id:
        return element.team_id in team_roles_of(user)
    return Team.objects.filter(
        organisation_id=element.organisation_id, pk__in=list(team_roles_of(user))
    ).exists()


#: Team members (any team role) see the team's pathways; leaders see the aggregates.
can_view_team = is_team_member | leads_team_organisation
can_view_team_pathways = is_team_member
can_open_pathway = is_team_member
can_view_pathway = works_in_pathway_team | is_pathway_citizen
can_change_pathway = works_in_pathway_team
can_view_meeting_internals = works_in_meeting_team
can_record_capture = works_in_meeting_team
can_hand_over_rating = works_in_meeting_team
can_view_element = works_with_element
can_decide_on_element = works_with_element

rules.add_perm("pathways.view_team", can_view_team)
rules.add_perm("pathways.view_pathway", can_view_pathway)
rules.add_perm("pathways.change_pathway", can_change_pathway)
rules.add_perm("pathways.add_learningcapture", can_record_capture)
rules.add_perm("pathways.add_meetingrating", can_hand_over_rating)
rules.add_perm("pathways.add_practicedecision", can_decide_on_element)


def get_team_for(user, pk) -> Team:
    team = Team.objects.select_related("organisation").filter(pk=pk).first()
    if team is None or not can_view_team(user, team):
        raise Http404
    return team


def get_pathway_for(user, pk) -> Pathway:
    pathway = Pathway.objects.select_related("team__organisation", "citizen").filter(pk=pk).first()
    if pathway is None or not can_view_pathway(user, pathway):
        raise Http404
    return pathway


def get_meeting_for(user, pk) -> Meeting:
    """Meetings are pages for the team; the citizen sees them on the pathway page."""
    meeting = (
        Meeting.objects.select_related("pathway__team", "pathway__citizen").filter(pk=pk).first()
    )
    if meeting is None or not can_view_meeting_internals(user, meeting):
        raise Http404
    return meeting


def get_element_for(user, pk) -> PracticeElement:
    element = PracticeElement.objects.select_related("team", "organisation").filter(pk=pk).first()
    if element is None or not can_view_element(user, element):
        raise Http404
    return element
