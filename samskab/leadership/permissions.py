"""Who may do what in shared leadership: `rules` predicates and 404-giving access functions.

A forum, its meetings and its decisions are seen by the forum's members only (and the
platform administrator). Opportunity spaces and barriers are no one's personal data and are
read by every staff member; the insights cited as their evidence are filtered per reader
through the insight registry. Same 404 for "does not exist" and "not yours".
"""

import rules
from django.http import Http404

from samskab.people.models import Role
from samskab.people.permissions import (
    is_platform_admin,
    is_staff_member,
    organisation_ids_with_role,
)

from .models import Barrier, Decision, Forum, ForumMeeting, ForumRole, OpportunitySpace

#: Frontline staff who meet organisational barriers in pathways and projects.
FRONTLINE_ROLES = frozenset({Role.PROFESSIONAL, Role.SUPERVISOR, Role.FACILITATOR})
#: Who composes opportunity spaces.
COMPOSER_ROLES = frozenset({Role.FACILITATOR, Role.LEADER})


def forum_roles(user, forum) -> set[str]:
    """The user's roles in this forum, read once per forum and user."""
    if not user.is_authenticated or forum is None:
        return set()
    cache = getattr(user, "_samskab_forum_roles", None)
    if cache is None:
        cache = user._samskab_forum_roles = {}
    if forum.pk not in cache:
        cache[forum.pk] = set(forum.members.filter(user=user).values_list("role", flat=True))
    return cache[forum.pk]


@rules.predicate
def is_forum_member(user, forum):
    return bool(forum_roles(user, forum))


@rules.predicate
def runs_forum(user, forum):
    return bool(forum_roles(user, forum) & {ForumRole.CHAIR, ForumRole.SECRETARY})


@rules.predicate
def is_network_staff(user):
    return bool(is_staff_member(user) or is_platform_admin(user))


@rules.predicate
def is_composer(user):
    return bool(organisation_ids_with_role(user, COMPOSER_ROLES))


@rules.predicate
def is_frontline(user):
    return bool(organisation_ids_with_role(user, FRONTLINE_ROLES))


@rules.predicate
def composes_in_organisation(user, space):
    return space is not None and (
        space.created_by_id == user.pk
        or space.organisation_id in organisation_ids_with_role(user, COMPOSER_ROLES)
    )


@rules.predicate
def works_with_barrier(user, barrier):
    return barrier is not None and (
        barrier.registered_by_id == user.pk
        or barrier.organisation_id in organisation_ids_with_role(user, FRONTLINE_ROLES)
    )


can_view_forum = is_forum_member | is_platform_admin
can_work_in_forum = is_forum_member  # meetings, agenda, decisions
can_manage_members = runs_forum | is_platform_admin
can_create_forum = is_composer  # the creator becomes the first member and chair
can_view_spaces = is_network_staff
can_create_space = is_composer
can_change_space = composes_in_organisation | is_platform_admin
can_view_barriers = is_network_staff
can_register_barrier = is_frontline
can_change_barrier = works_with_barrier | is_platform_admin

rules.add_perm("leadership.view_forum", can_view_forum)
rules.add_perm("leadership.add_forum", can_create_forum)
rules.add_perm("leadership.add_opportunityspace", can_create_space)
rules.add_perm("leadership.change_opportunityspace", can_change_space)
rules.add_perm("leadership.add_barrier", can_register_barrier)


def get_forum_for(user, pk) -> Forum:
    forum = Forum.objects.select_related("organisation").filter(pk=pk).first()
    if forum is None or not can_view_forum(user, forum):
        raise Http404
    return forum


def get_meeting_for(user, pk) -> ForumMeeting:
    meeting = ForumMeeting.objects.select_related("forum").filter(pk=pk).first()
    if meeting is None or not can_view_forum(user, meeting.forum):
        raise Http404
    return meeting


def get_decision_for(user, pk) -> Decision:
    decision = (
        Decision.objects.select_related(
            "agenda_item__forum",
            "agenda_item__meeting",
            "agenda_item__opportunity_space",
            "agenda_item__barrier",
            "owner",
        )
        .filter(pk=pk)
        .first()
    )
    if decision is None or not can_view_forum(user, decision.agenda_item.forum):
        raise Http404
    return decision


def get_space_for(user, pk) -> OpportunitySpace:
    space = OpportunitySpace.objects.visible_to(user).select_related("organisation").filter(pk=pk)
    space = space.first()
    if space is None:
        raise Http404
    return space


def get_barrier_for(user, pk) -> Barrier:
    barrier = (
        Barrier.objects.visible_to(user)
        .select_related("organisation", "team", "project", "resolved_by__agenda_item__forum")
        .filter(pk=pk)
        .first()
    )
    if barrier is None:
        raise Http404
    return barrier
