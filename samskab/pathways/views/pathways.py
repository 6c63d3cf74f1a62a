"""Opening a pathway, its page (goals, actors, plan, meetings, ratings) and its changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from samskab.core.pages import error_text, require
from samskab.people.consent_guard import processing_state
from samskab.people.models import Citizen, ConsentPurpose

from .. import actions, exports
from ..charts import run_chart
from ..forms import ActorForm, GoalsForm, PathwayForm, PlanActionForm, PlanActionStatusForm
from ..models import MeetingRating, PlanAction
from ..permissions import (
    can_change_pathway,
    can_open_pathway,
    get_pathway_for,
    get_team_for,
)
from .common import pathway_crumbs, start_crumb, team_crumbs


def _citizens_for(user, team):
    return Citizen.objects.visible_to(user).filter(organisation=team.organisation_id)


def pathway_create(request, team_pk):
    team = get_team_for(request.user, team_pk)
    require(can_open_pathway, request.user, team)
    form = PathwayForm(request.POST or None, citizens=_citizens_for(request.user, team))
    if request.method == "POST" and form.is_valid():
        try:
            pathway = actions.open_pathway(
                by=request.user,
                team=team,
                citizen=form.cleaned_data["citizen"],
                rationale=form.cleaned_data["rationale"],
                citizen_goals=form.cleaned_data["citizen_goals"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Forløbet er startet."))
            return redirect(pathway)
    return render(
        request,
        "pathways/pathway_form.html",
        {
            "form": form,
            "team": team,
            "crumbs": team_crumbs(team, ("", _("Start forløb"))),
        },
    )


def pathway_detail(request, pk):
    pathway = get_pathway_for(request.user, pk)
    is_team = can_change_pathway(request.user, pathway)
    if is_team and (
        response := exports.MEETINGS.respond(
            request,
            pathway.meetings.select_related("pathway", "learning_capture", "rating"),
            suffix=str(pathway.pk),
        )
    ):
        return response
    actions.record_pathway_read(
        by=request.user,
        pathway=pathway,
        purpose=gettext_noop("Borgerforløb") if is_team else gettext_noop("Borgerens eget forløb"),
    )
    meetings = list(
        pathway.meetings.select_related("learning_capture", "rating").order_by("-held_on", "-pk")
    )
    ratings = list(
        MeetingRating.objects.filter(meeting__pathway=pathway)
        .select_related("meeting")
        .order_by("meeting__held_on", "pk")
    )
    context = {
        "pathway": pathway,
        "is_team": is_team,
        "actors": list(pathway.actors.all()),
        "plan_actions": list(pathway.plan_actions.all()),
        "meetings": meetings,
        "chart": run_chart(ratings),
        "crumbs": pathway_crumbs(pathway)
        if is_team
        else [start_crumb(), ("", pathway.citizen.display_name)],
    }
    if is_team:
        prefetch_related_objects([pathway.citizen], "consents")
        # Forms the consent guard would refuse are not offered; the notice says why.
        processing = processing_state(pathway.citizen, ConsentPurpose.PATHWAY)
        context.update(
            processing=processing,
            may_write=pathway.is_open and processing.allowed,
            may_close=pathway.is_open and not processing.is_restricted,
            meetings_export=exports.MEETINGS.links(request, _("møder")),
            goals_form=GoalsForm(instance=pathway, prefix="goals"),
            actor_form=ActorForm(prefix="actor"),
            plan_form=PlanActionForm(prefix="plan"),
            status_form_class=PlanActionStatusForm,
        )
    return render(request, "pathways/pathway_detail.html", context)


def _change(request, pk):
    pathway = get_pathway_for(request.user, pk)
    require(can_change_pathway, request.user, pathway)
    return pathway


def _invalid(request, form):
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))


@require_POST
def goals_update(request, pk):
    pathway = _change(request, pk)
    form = GoalsForm(request.POST, prefix="goals", instance=pathway)
    if form.is_valid():
        try:
            actions.update_pathway_goals(
                by=request.user,
                pathway=pathway,
                citizen_goals=form.cleaned_data["citizen_goals"],
                seen_version=form.seen_version,
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Borgerens mål er gemt."))
    else:
        _invalid(request, form)
    return redirect(pathway)


@require_POST
def actor_create(request, pk):
    pathway = _change(request, pk)
    form = ActorForm(request.POST, prefix="actor")
    if form.is_valid():
        try:
            actions.add_actor(by=request.user, pathway=pathway, data=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Aktøren er tilføjet."))
    else:
        messages.error(request, _("Aktøren blev ikke gemt. Udfyld navn og sektor."))
    return redirect(f"{pathway.get_absolute_url()}#actors")


@require_POST
def plan_action_create(request, pk):
    pathway = _change(request, pk)
    form = PlanActionForm(request.POST, prefix="plan")
    if form.is_valid():
        try:
            actions.add_plan_action(by=request.user, pathway=pathway, data=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Handlingen er tilføjet til planen."))
    else:
        messages.error(
            request, _("Handlingen blev ikke gemt. Udfyld handling og ansvarlig, og ret datoen.")
        )
    return redirect(f"{pathway.get_absolute_url()}#plan")


@require_POST
def plan_action_status(request, pk, action_pk):
    pathway = _change(request, pk)
    action = get_object_or_404(PlanAction, pk=action_pk, pathway=pathway)
    action.pathway = pathway
    form = PlanActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg en gyldig status."))
    else:
        try:
            actions.set_plan_action_status(
                by=request.user, action=action, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Status er ændret."))
    return redirect(f"{pathway.get_absolute_url()}#plan")


@require_POST
def pathway_close(request, pk):
    pathway = _change(request, pk)
    try:
        actions.close_pathway(by=request.user, pathway=pathway)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Forløbet er afsluttet."))
    return redirect(pathway)
