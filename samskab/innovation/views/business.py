"""The business case per project: lines per year and payer, NPV per payer, who invests."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.concurrency import EditConflictError
from samskab.core.pages import require

from .. import actions, economics
from ..forms import BusinessCaseForm, BusinessCaseLineForm
from ..models import AdoptionStatus, BusinessCase, BusinessCaseLine
from ..permissions import can_change_project, get_project_for
from .common import add_errors, project_crumbs

CHART_WIDTH = 600
CHART_ROW = 36


def _chart(result):
    """Horizontal bars per payer around a zero line; the table below is its alternative."""
    biggest = max((abs(p.npv) for p in result.payers), default=0) or 1
    half = CHART_WIDTH / 2 - 10
    bars = []
    for i, payer in enumerate(result.payers):
        width = abs(payer.npv) / biggest * (half - 100)
        x = CHART_WIDTH / 2 if payer.npv >= 0 else CHART_WIDTH / 2 - width
        bars.append(
            {
                "label": payer.label,
                "npv": payer.npv,
                "x": round(x, 1),
                "y": i * CHART_ROW + 8,
                "width": round(max(width, 1), 1),
                "text_y": i * CHART_ROW + 26,
                "positive": payer.npv >= 0,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": len(bars) * CHART_ROW + 16,
        "middle": CHART_WIDTH / 2,
    }


def _render(request, project, *, form=None, line_form=None):
    case = BusinessCase.objects.filter(project=project).first()
    lines = list(case.lines.all()) if case else []
    case = case or BusinessCase(project=project)
    rate, long_rate = case.discount_rate, case.long_term_rate
    result = economics.compute(lines, rate, long_term_percent=long_rate)
    adopters = 1 + project.adoptions.exclude(status=AdoptionStatus.INTERESTED).count()
    return render(
        request,
        "innovation/business_case.html",
        {
            "project": project,
            "case": case,
            "rate": rate,
            "long_rate": long_rate,
            "lines": lines,
            "result": result,
            "incentive": economics.incentive_sentence(result),
            "sensitivity": economics.sensitivity(lines, rate, long_rate) if lines else [],
            "scaling": economics.scaling(result, adopters) if lines else [],
            "adopters": adopters,
            "chart": _chart(result),
            "form": form or BusinessCaseForm(instance=case, prefix="case"),
            "line_form": line_form or BusinessCaseLineForm(prefix="line"),
            "may_change": can_change_project(request.user, project),
            "crumbs": project_crumbs(project, ("", _("Business case"))),
        },
    )


def business_case(request, pk):
    project = get_project_for(request.user, pk)
    if request.method != "POST":
        return _render(request, project)
    require(can_change_project, request.user, project)
    case = BusinessCase.objects.filter(project=project).first()
    form = BusinessCaseForm(request.POST, instance=case, prefix="case")
    if not form.is_valid():
        return _render(request, project, form=form)
    try:
        actions.save_business_case(
            by=request.user,
            project=project,
            discount_rate=form.cleaned_data["discount_rate"],
            long_term_rate=form.cleaned_data["long_term_rate"],
            notes=form.cleaned_data["notes"],
            seen_version=form.seen_version,
        )
    except EditConflictError as error:
        form.add_error(None, error)
        form.show_current_version(case)
        return _render(request, project, form=form)
    messages.success(request, _("Business casen er gemt."))
    return redirect("innovation:businesscase-detail", pk=project.pk)


@require_POST
def line_add(request, pk):
    project = get_project_for(request.user, pk)
    require(can_change_project, request.user, project)
    form = BusinessCaseLineForm(request.POST, prefix="line")
    if form.is_valid():
        try:
            actions.add_business_case_line(by=request.user, project=project, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Linjen er tilføjet til business casen."))
            return redirect("innovation:businesscase-detail", pk=project.pk)
    return _render(request, project, line_form=form)


@require_POST
def line_delete(request, pk, line_pk):
    project = get_project_for(request.user, pk)
    require(can_change_project, request.user, project)
    line = get_object_or_404(BusinessCaseLine, pk=line_pk, business_case__project=project)
    actions.delete_business_case_line(by=request.user, line=line)
    messages.success(request, _("Linjen er slettet."))
    return redirect("innovation:businesscase-detail", pk=project.pk)
