"""The theory of change per project: a column diagram with a list alternative, editable."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samskab.core.concurrency import VERSION_FIELD, EditConflictError, version_of
from samskab.core.pages import error_text, require

from .. import actions
from ..forms import ChangeStepForm, IndicatorForm
from ..models import ChangeLevel, ChangeStep
from ..permissions import can_change_project, get_project_for
from .common import project_crumbs


def theory_of_change(request, pk):
    project = get_project_for(request.user, pk)
    step_form = ChangeStepForm(prefix="step")
    indicator_form = IndicatorForm(prefix="indicator", project=project)
    if request.method == "POST":
        require(can_change_project, request.user, project)
        kind = request.POST.get("kind")
        if kind == "step":
            step_form = ChangeStepForm(request.POST, prefix="step")
            if step_form.is_valid():
                actions.add_change_step(
                    by=request.user, project=project, data=step_form.cleaned_data
                )
                messages.success(request, _("Trinnet er tilføjet til forandringsteorien."))
                return redirect("innovation:toc-detail", pk=project.pk)
        elif kind == "indicator":
            indicator_form = IndicatorForm(request.POST, prefix="indicator", project=project)
            if indicator_form.is_valid():
                data = dict(indicator_form.cleaned_data)
                step = data.pop("step")
                actions.add_indicator(by=request.user, step=step, data=data)
                messages.success(request, _("Indikatoren er tilføjet."))
                return redirect("innovation:toc-detail", pk=project.pk)
        elif kind == "delete":
            step = get_object_or_404(ChangeStep, pk=request.POST.get("step"), project=project)
            try:
                actions.delete_change_step(
                    by=request.user, step=step, seen_version=request.POST.get(VERSION_FIELD, "")
                )
            except EditConflictError as error:
                # The page below shows the step as it is stored now, with its indicators.
                messages.error(request, error_text(error))
            else:
                messages.success(request, _("Trinnet er slettet."))
            return redirect("innovation:toc-detail", pk=project.pk)
    steps = list(project.change_steps.prefetch_related("indicators__measure"))
    for step in steps:
        step.seen_version = version_of(step)  # the delete form refuses a step changed since
    columns = [(level, [s for s in steps if s.level == level]) for level in ChangeLevel]
    return render(
        request,
        "innovation/theory_of_change.html",
        {
            "project": project,
            "columns": columns,
            "step_form": step_form,
            "indicator_form": indicator_form,
            "has_steps": bool(steps),
            "may_change": can_change_project(request.user, project),
            "version_field": VERSION_FIELD,
            "crumbs": project_crumbs(project, ("", _("Forandringsteori"))),
        },
    )
