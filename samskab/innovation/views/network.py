"""The stakeholder network (interessenter × faser) of a mission or project, and a project's
risk register, which is reviewed at every gate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.concurrency import EditConflictError
from samskab.core.pages import require

from .. import actions
from ..forms import RiskForm, StakeholderForm
from ..models import PHASES, GateDecision, Risk, Stakeholder
from ..permissions import (
    can_change_mission_network,
    can_change_project,
    get_mission_for,
    get_project_for,
)
from .common import project_crumbs, start_crumb


def _sorted_risks(project):
    return sorted(project.risks.all(), key=lambda r: (r.status == "closed", -r.score, r.pk))


def risk_list(request, pk):
    project = get_project_for(request.user, pk)
    may_change = can_change_project(request.user, project)
    form = RiskForm(request.POST or None, prefix="risk")
    if request.method == "POST":
        require(can_change_project, request.user, project)
        if form.is_valid():
            actions.add_risk(by=request.user, project=project, data=form.cleaned_data)
            messages.success(request, _("Risikoen er tilføjet til risikoregistret."))
            return redirect("innovation:risk-list", project.pk)
    reviews = (
        GateDecision.objects.filter(project=project)
        .prefetch_related("risk_reviews__risk")
        .order_by("-decided_on", "-pk")
    )
    return render(
        request,
        "innovation/risk_list.html",
        {
            "project": project,
            "risks": _sorted_risks(project),
            "reviews": reviews,
            "may_change": may_change,
            "form": form,
            "crumbs": project_crumbs(project, ("", _("Risikoregister"))),
        },
    )


def risk_edit(request, pk, risk_pk):
    project = get_project_for(request.user, pk)
    risk = get_object_or_404(Risk, pk=risk_pk, project=project)
    require(can_change_project, request.user, project)
    form = RiskForm(request.POST or None, instance=risk)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_risk(
                by=request.user,
                risk=Risk.objects.get(pk=risk.pk),
                data=form.cleaned_data,
                seen_version=form.seen_version,
            )
        except EditConflictError as error:
            form.add_error(None, error)
            form.show_current_version(risk)
        else:
            messages.success(request, _("Risikoen er opdateret."))
            return redirect("innovation:risk-list", project.pk)
    return render(
        request,
        "innovation/risk_form.html",
        {
            "project": project,
            "form": form,
            "crumbs": project_crumbs(
                project,
                (redirect("innovation:risk-list", project.pk).url, _("Risikoregister")),
                ("", _("Ret risiko")),
            ),
        },
    )


def _matrix(stakeholders):
    return [(s, [s.role_in(phase) for phase in PHASES]) for s in stakeholders]


def _network_page(request, *, owner, kind, may_change, crumbs, back_url):
    form = StakeholderForm(request.POST or None, prefix="stakeholder")
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            actions.add_stakeholder(
                by=request.user,
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
                phase_roles=form.phase_roles(),
                **{kind: owner},
            )
            messages.success(request, _("Interessenten er tilføjet."))
            return redirect(request.path)
    stakeholders = list(owner.stakeholders.select_related("organisation"))
    return render(
        request,
        "innovation/stakeholders.html",
        {
            "owner": owner,
            "kind": kind,
            "phases": PHASES,
            "matrix": _matrix(stakeholders),
            "phase_counts": [
                (phase, sum(1 for s in stakeholders if s.role_in(phase))) for phase in PHASES
            ],
            "may_change": may_change,
            "form": form,
            "back_url": back_url,
            "crumbs": crumbs,
        },
    )


def project_stakeholders(request, pk):
    project = get_project_for(request.user, pk)
    return _network_page(
        request,
        owner=project,
        kind="project",
        may_change=can_change_project(request.user, project),
        crumbs=project_crumbs(project, ("", _("Interessenter"))),
        back_url=project.get_absolute_url(),
    )


def mission_stakeholders(request, pk):
    mission = get_mission_for(request.user, pk)
    return _network_page(
        request,
        owner=mission,
        kind="mission",
        may_change=can_change_mission_network(request.user, mission),
        crumbs=[
            start_crumb(),
            (mission.get_absolute_url(), mission.name),
            ("", _("Interessenter")),
        ],
        back_url=mission.get_absolute_url(),
    )


@require_POST
def stakeholder_remove(request, pk):
    stakeholder = get_object_or_404(Stakeholder.objects.select_related("project", "mission"), pk=pk)
    if stakeholder.project_id:
        project = get_project_for(request.user, stakeholder.project_id)
        require(can_change_project, request.user, project)
        back = "innovation:project-stakeholders"
        owner_pk = project.pk
    else:
        mission = get_mission_for(request.user, stakeholder.mission_id)
        require(can_change_mission_network, request.user, mission)
        back = "innovation:mission-stakeholders"
        owner_pk = mission.pk
    actions.remove_stakeholder(by=request.user, stakeholder=stakeholder)
    messages.success(request, _("Interessenten er fjernet."))
    return redirect(back, owner_pk)
