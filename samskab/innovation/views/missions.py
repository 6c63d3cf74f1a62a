"""Challenges and missions: organisations ask to join, the mission's owner answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.pages import error_text, require
from samskab.people.models import Organisation

from .. import actions
from ..forms import ChallengeForm, MembershipRequestForm, MissionForm
from ..models import Challenge, MembershipStatus, Mission, MissionMembership
from ..permissions import (
    can_create_challenge,
    can_create_mission,
    can_decide_membership,
    can_request_to_join_mission,
    can_view_portfolio,
    get_challenge_for,
    get_mission_for,
    leader_organisation_ids,
)
from .common import start_crumb


def challenge_list(request):
    require(can_view_portfolio, request.user)
    challenges = Challenge.objects.all()
    missions = Mission.objects.annotate(
        member_count=Count(
            "memberships", filter=Q(memberships__status=MembershipStatus.ACCEPTED), distinct=True
        ),
        project_count=Count("projects", distinct=True),
    ).select_related("owner", "challenge")
    by_challenge = {}
    for mission in missions:
        by_challenge.setdefault(mission.challenge_id, []).append(mission)
    return render(
        request,
        "innovation/challenge_list.html",
        {
            "challenges": [(c, by_challenge.get(c.pk, [])) for c in challenges],
            "may_create_mission": can_create_mission(request.user),
            "may_create_challenge": can_create_challenge(request.user),
            "crumbs": [start_crumb(), ("", _("Udfordringer og missioner"))],
        },
    )


def _challenges_crumb():
    return (reverse("innovation:challenge-list"), _("Udfordringer og missioner"))


def challenge_create(request):
    """A leader names a cross-cutting welfare challenge that missions can then gather under."""
    require(can_create_challenge, request.user)
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        challenge = actions.create_challenge(by=request.user, data=form.cleaned_data)
        messages.success(
            request,
            _("Velfærdsudfordringen er oprettet. Opret nu de missioner, der skal løse den."),
        )
        return redirect(challenge)
    return render(
        request,
        "innovation/challenge_form.html",
        {
            "form": form,
            "crumbs": [start_crumb(), _challenges_crumb(), ("", _("Ny velfærdsudfordring"))],
        },
    )


def challenge_detail(request, pk):
    challenge = get_challenge_for(request.user, pk)
    missions = (
        challenge.missions.annotate(
            member_count=Count(
                "memberships",
                filter=Q(memberships__status=MembershipStatus.ACCEPTED),
                distinct=True,
            ),
            project_count=Count("projects", distinct=True),
        )
        .select_related("owner")
        .order_by("name")
    )
    return render(
        request,
        "innovation/challenge_detail.html",
        {
            "challenge": challenge,
            "missions": missions,
            "may_create_mission": can_create_mission(request.user),
            "crumbs": [start_crumb(), _challenges_crumb(), ("", challenge.name)],
        },
    )


def mission_create(request):
    """A leader starts a mission under a challenge, owned by an organisation they lead."""
    require(can_create_mission, request.user)
    owners = Organisation.objects.filter(pk__in=leader_organisation_ids(request.user))
    initial = {"challenge": request.GET.get("udfordring")} if request.GET.get("udfordring") else {}
    form = MissionForm(request.POST or None, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        mission = actions.create_mission(by=request.user, data=form.cleaned_data)
        messages.success(
            request, _("Missionen er oprettet. Andre organisationer kan nu bede om at deltage.")
        )
        return redirect(mission)
    return render(
        request,
        "innovation/mission_form.html",
        {
            "form": form,
            "crumbs": [
                start_crumb(),
                (reverse("innovation:challenge-list"), _("Udfordringer og missioner")),
                ("", _("Ny mission")),
            ],
        },
    )


def _joinable_organisations(user, mission):
    taken = mission.memberships.exclude(status=MembershipStatus.DECLINED).values_list(
        "organisation_id", flat=True
    )
    return (
        Organisation.objects.filter(pk__in=leader_organisation_ids(user))
        .exclude(pk__in=list(taken))
        .exclude(pk=mission.owner_id)
    )


def mission_detail(request, pk):
    mission = get_mission_for(request.user, pk)
    memberships = list(mission.memberships.select_related("organisation"))
    projects = mission.projects.prefetch_related("partners__organisation").order_by("title")
    return render(
        request,
        "innovation/mission_detail.html",
        {
            "mission": mission,
            "members": [m for m in memberships if m.status == MembershipStatus.ACCEPTED],
            "pending": [m for m in memberships if m.status == MembershipStatus.REQUESTED],
            "projects": projects,
            "joinable": list(_joinable_organisations(request.user, mission)),
            "may_decide": can_decide_membership(request.user, mission),
            "form": MembershipRequestForm(),
            "crumbs": [
                start_crumb(),
                (reverse("innovation:challenge-list"), _("Udfordringer og missioner")),
                ("", mission.name),
            ],
        },
    )


@require_POST
def mission_join(request, pk):
    mission = get_mission_for(request.user, pk)
    require(can_request_to_join_mission, request.user)
    organisation = (
        _joinable_organisations(request.user, mission)
        .filter(pk=request.POST.get("organisation"))
        .first()
    )
    if organisation is None:
        messages.error(
            request,
            _("Vælg en organisation, du er leder i, og som ikke allerede deltager i missionen."),
        )
        return redirect(mission)
    form = MembershipRequestForm(request.POST)
    form.is_valid()
    try:
        actions.request_mission_membership(
            by=request.user,
            mission=mission,
            organisation=organisation,
            motivation=form.cleaned_data.get("motivation", ""),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(mission)
    messages.success(
        request,
        _("Anmodningen er sendt. %(owner)s tager stilling til den.") % {"owner": mission.owner},
    )
    return redirect(mission)


@require_POST
def membership_decide(request, pk, membership_pk):
    mission = get_mission_for(request.user, pk)
    membership = get_object_or_404(MissionMembership, pk=membership_pk, mission=mission)
    require(can_decide_membership, request.user, mission)
    accept = request.POST.get("decision") == "accept"
    try:
        actions.decide_mission_membership(by=request.user, membership=membership, accept=accept)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(mission)
    if accept:
        messages.success(
            request, _("%(org)s deltager nu i missionen.") % {"org": membership.organisation}
        )
    else:
        messages.success(
            request, _("Anmodningen fra %(org)s er afvist.") % {"org": membership.organisation}
        )
    return redirect(mission)
