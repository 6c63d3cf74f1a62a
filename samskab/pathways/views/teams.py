"""The start page (my teams, overdue captures, a citizen's own pathways) and the team page."""

import datetime
from collections import defaultdict

import numpy as np
from django.db.models import Count, Max, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .. import actions, exports
from ..charts import MIN_CITIZENS, leader_min_ratings, monthly_summaries, run_chart, summarise
from ..forms import PracticeElementForm
from ..models import (
    Meeting,
    MeetingRating,
    Pathway,
    PathwayStatus,
    PracticeElement,
    Team,
    TeamRole,
    capture_overdue_days,
)
from ..permissions import (
    can_view_team_pathways,
    get_team_for,
    leader_organisation_ids,
    supervises_team,
    team_roles_of,
)
from .common import start_crumb, team_crumbs


def _team_aggregates(teams, *, for_leader=False):
    """Counts and the median "alt i alt" per team, in a fixed number of queries.

    For a leader's overview the median follows the leaders' rule (`charts.summarise`):
    none with too few ratings or citizens."""
    # Overdue captures as a condition on the joined meetings (the same rule as
    # `Meeting.objects.capture_overdue()`), not a subquery over every meeting in the country.
    cutoff = timezone.localdate() - datetime.timedelta(days=capture_overdue_days())
    overdue = Q(pathways__meetings__learning_capture__isnull=True) & Q(
        pathways__meetings__held_on__lte=cutoff
    )
    teams = teams.annotate(
        open_pathways=Count(
            "pathways", filter=Q(pathways__status=PathwayStatus.OPEN), distinct=True
        ),
        meeting_count=Count("pathways__meetings", distinct=True),
        overdue_count=Count("pathways__meetings", filter=overdue, distinct=True),
    ).select_related("organisation")
    values, citizens = defaultdict(list), defaultdict(list)
    for team_id, overall, citizen_id in MeetingRating.objects.filter(
        meeting__pathway__team__in=teams
    ).values_list("meeting__pathway__team_id", "overall", "meeting__pathway__citizen_id"):
        values[team_id].append(overall)
        citizens[team_id].append(citizen_id)
    teams = list(teams)
    for team in teams:
        team.rating_count = len(values[team.pk])
        if for_leader:
            team.median_rating = summarise(values[team.pk], citizens[team.pk]).median
        else:
            team.median_rating = float(np.median(values[team.pk])) if values[team.pk] else None
    return teams


def _overdue_queryset(teams_qs):
    return (
        Meeting.objects.capture_overdue()
        .filter(pathway__team__in=teams_qs)
        .select_related("pathway__team", "pathway__citizen")
        .order_by("held_on", "pk")
    )


def _overdue_meetings(teams_qs, user):
    meetings = list(_overdue_queryset(teams_qs))
    actions.record_reads(
        by=user,
        objs=meetings,
        purpose=gettext_noop("Oversigt over manglende læringsopsamlinger"),
        citizen_id_of=lambda m: m.pathway.citizen_id,
    )
    return meetings


def team_list(request):
    """Start page: what a team member, supervisor, leader or citizen has here."""
    user = request.user
    own_pathways = list(
        Pathway.objects.filter(citizen__user=user).select_related("team", "citizen")
    )
    if own_pathways:
        actions.record_pathway_reads(
            by=user, pathways=own_pathways, purpose=gettext_noop("Borgerens egne forløb")
        )
    roles = team_roles_of(user)
    my_teams = Team.objects.filter(pk__in=list(roles))
    if roles and (response := exports.OVERDUE.respond(request, _overdue_queryset(my_teams))):
        return response
    led_teams = Team.objects.filter(organisation_id__in=leader_organisation_ids(user)).exclude(
        pk__in=list(roles)
    )
    context = {
        "own_pathways": own_pathways,
        "my_teams": _team_aggregates(my_teams) if roles else [],
        "led_teams": (
            _team_aggregates(led_teams, for_leader=True) if leader_organisation_ids(user) else []
        ),
        "leader_min_ratings": leader_min_ratings(),
        "min_citizens": MIN_CITIZENS,
        "overdue": _overdue_meetings(my_teams, user) if roles else [],
        "overdue_days": capture_overdue_days(),
        "team_roles": roles,
        "overdue_export": exports.OVERDUE.links(request) if roles else None,
        "crumbs": [start_crumb()],
    }
    for team in context["my_teams"]:
        team.my_role_label = TeamRole(roles[team.pk]).label
    return render(request, "pathways/team_list.html", context)


#: A run chart stays readable (and the page fast) with the latest ratings, not all of them.
TEAM_CHART_RATINGS = 60


def team_detail(request, pk):
    """Members, authority areas present and missing; pathways and the run chart of ratings for
    members only. A leader gets the monthly medians and counts (`charts.monthly_summaries`):
    no rating object reaches the leader's page."""
    team = get_team_for(request.user, pk)
    memberships = list(
        team.memberships.select_related("staff_member__user", "staff_member__unit").order_by(
            "role", "staff_member__user__first_name", "pk"
        )
    )
    represented, missing = team.authority_area_coverage(memberships)
    is_member = can_view_team_pathways(request.user, team)
    context = {
        "team": team,
        "memberships": memberships,
        "represented": represented,
        "missing": missing,
        "is_member": is_member,
        "is_supervisor": supervises_team(request.user, team),
        "overdue_days": capture_overdue_days(),
        "crumbs": team_crumbs(team),
    }
    team_qs = Team.objects.filter(pk=team.pk)
    context["aggregates"] = _team_aggregates(team_qs, for_leader=not is_member)[0]
    team_ratings = MeetingRating.objects.filter(meeting__pathway__team=team)
    if not is_member:
        context["periods"] = monthly_summaries(team_ratings)
        context["leader_min_ratings"] = leader_min_ratings()
        context["min_citizens"] = MIN_CITIZENS
    else:
        ratings = list(
            team_ratings.latest_with_previous(TEAM_CHART_RATINGS).select_related(
                "meeting__pathway__citizen"
            )
        )
        context["chart"] = run_chart(ratings)
        pathways = list(
            team.pathways.select_related("citizen")
            .annotate(meeting_count=Count("meetings"), last_meeting_on=Max("meetings__held_on"))
            .order_by("status", "-opened_on", "pk")
        )
        if response := exports.PATHWAYS.respond(request, pathways, suffix=team.name):
            return response
        if response := exports.OVERDUE.respond(request, _overdue_queryset(team_qs)):
            return response
        actions.record_pathway_reads(
            by=request.user, pathways=pathways, purpose=gettext_noop("Teamets borgerforløb")
        )
        actions.record_reads(
            by=request.user,
            objs=ratings,
            purpose=gettext_noop("Borgernes vurderinger af teamets møder"),
            citizen_id_of=lambda r: r.meeting.pathway.citizen_id,
        )
        context["pathways"] = pathways
        context["overdue"] = _overdue_meetings(team_qs, request.user)
        context["pathways_export"] = exports.PATHWAYS.links(request, _("forløb"))
        context["overdue_export"] = exports.OVERDUE.links(request, _("manglende opsamlinger"))
        context["element_form"] = PracticeElementForm(prefix="element")
        context["elements"] = PracticeElement.objects.for_team(team).with_capture_counts([team.pk])
    context["page_title"] = (
        team.name if is_member else _("%(team)s – overblik") % {"team": team.name}
    )
    return render(request, "pathways/team_detail.html", context)
