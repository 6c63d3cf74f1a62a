"""The five principles, involvement per phase, freed resources, adoption and lessons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.concurrency import EditConflictError
from samskab.core.forms import evaluate_choices
from samskab.core.pages import require

from .. import actions, exports
from ..forms import (
    AdoptionForm,
    FreedResourceForm,
    InvolvementForm,
    LessonForm,
    PrincipleCheckForm,
)
from ..models import Lesson, Principle, Project
from ..permissions import (
    can_change_project,
    can_share_lesson,
    can_view_portfolio,
    get_project_for,
)
from .common import project_crumbs, start_crumb


def principles(request, pk):
    project = get_project_for(request.user, pk)
    checks = {c.principle: c for c in project.principle_checks.all()}
    form = PrincipleCheckForm(
        request.POST or None,
        project=project,
        principles=Principle.choices,
        initial_checks=checks,
    )
    if request.method == "POST":
        require(can_change_project, request.user, project)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.save_principle_checks(
                    by=request.user,
                    project=Project.objects.get(pk=project.pk),
                    levels={p: data[f"level_{p}"] for p in Principle.values},
                    notes={p: data[f"note_{p}"] for p in Principle.values},
                    seen_version=form.seen_version,
                )
            except EditConflictError as error:
                form.add_error(None, error)
                form.show_current_version(project)
                checks = {c.principle: c for c in project.principle_checks.all()}
            else:
                messages.success(request, _("Egenvurderingen er gemt."))
                return redirect(project)
    return render(
        request,
        "innovation/principles.html",
        {
            "project": project,
            "form": form,
            "checks": [(label, checks.get(value)) for value, label in Principle.choices],
            "may_change": can_change_project(request.user, project),
            "crumbs": project_crumbs(project, ("", _("De fem principper"))),
        },
    )


def _project_form_post(request, pk, form_class, prefix, save, success, failure):
    project = get_project_for(request.user, pk)
    require(can_change_project, request.user, project)
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        errors = " ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, f"{failure} {errors}")
        return redirect(project)
    try:
        save(project, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, f"{failure} {' '.join(error.messages)}")
        return redirect(project)
    messages.success(request, success)
    return redirect(project)


@require_POST
def involvement_add(request, pk):
    return _project_form_post(
        request,
        pk,
        InvolvementForm,
        "involvement",
        lambda project, data: actions.record_involvement(
            by=request.user, project=project, data=data
        ),
        _("Inddragelsen er registreret."),
        _("Inddragelsen blev ikke gemt."),
    )


@require_POST
def freed_add(request, pk):
    return _project_form_post(
        request,
        pk,
        FreedResourceForm,
        "freed",
        lambda project, data: actions.record_freed_resource(
            by=request.user, project=project, data=data
        ),
        _("Den frigjorte ressource er registreret."),
        _("Den frigjorte ressource blev ikke gemt."),
    )


@require_POST
def adoption_add(request, pk):
    return _project_form_post(
        request,
        pk,
        AdoptionForm,
        "adoption",
        lambda project, data: actions.record_adoption(by=request.user, project=project, **data),
        _("Udbredelsen er registreret."),
        _("Udbredelsen blev ikke gemt."),
    )


def lesson_list(request):
    """The learning community: lessons shared openly across the network's organisations."""
    require(can_view_portfolio, request.user)
    may_share = can_share_lesson(request.user)
    form = LessonForm(request.POST or None)
    # A lesson is shared from one's own work: the organisation's projects, not the nation's.
    own = request.user.staff_member.organisation_id if may_share else None
    form.fields["project"].queryset = Project.objects.with_partner([own] if own else []).order_by(
        "title"
    )
    if request.method == "POST":
        require(can_share_lesson, request.user)
        if form.is_valid():
            actions.share_lesson(
                by=request.user,
                organisation=request.user.staff_member.organisation,
                data=form.cleaned_data,
            )
            messages.success(request, _("Læringen er delt med netværket."))
            return redirect("innovation:lesson-list")
    query = request.GET.get("q", "").strip()
    lessons = (
        Lesson.objects.visible_to(request.user)
        .search(query)
        .select_related("organisation", "project")
    )
    if response := exports.LESSONS.respond(request, lessons):
        return response
    page = Paginator(lessons, 20).get_page(request.GET.get("side"))
    page.object_list = list(page.object_list)
    evaluate_choices(form)
    return render(
        request,
        "innovation/lesson_list.html",
        {
            "page": page,
            "query": query,
            "form": form,
            "may_share": may_share,
            "export": exports.LESSONS.links(request),
            "crumbs": [start_crumb(), ("", _("Læringsfællesskab"))],
        },
    )
