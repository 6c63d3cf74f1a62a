"""Projects: the portfolio board, the project page, partners and the phase gates."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.concurrency import EditConflictError
from samskab.core.pages import error_text, require

from .. import actions, exports, gates
from ..adoption import adoption_overview
from ..forms import (
    AdoptionForm,
    FreedResourceForm,
    GateDecisionForm,
    InvolvementForm,
    PartnerForm,
    PartnerRoleForm,
    PortfolioFilterForm,
    ProjectForm,
)
from ..models import (
    PHASES,
    GateOutcome,
    Lesson,
    Mission,
    PartnerRole,
    Phase,
    Project,
    ProjectPartner,
    phase_index,
)
from ..permissions import (
    can_change_project,
    can_create_project,
    can_decide_gate,
    can_view_portfolio,
    get_project_for,
)
from ..progress import involvement_strip
from .common import add_errors, project_crumbs, start_crumb


def portfolio(request):
    """Projects by mission and phase as a board, with filters and the gate queue."""
    require(can_view_portfolio, request.user)
    form = PortfolioFilterForm(request.GET or None)
    projects = Project.objects.select_related("mission").order_by("title")
    if form.is_valid():
        if form.cleaned_data["mission"]:
            projects = projects.filter(mission=form.cleaned_data["mission"])
        if form.cleaned_data["phase"]:
            projects = projects.filter(phase=form.cleaned_data["phase"])
        if form.cleaned_data["organisation"]:
            projects = projects.with_partner([form.cleaned_data["organisation"].pk])
    projects = list(projects)
    if response := exports.PROJECTS.respond(request, projects):
        return response
    missions = {p.mission_id: p.mission for p in projects}
    # One pass over the projects (a national portfolio has a thousand of them).
    board = defaultdict(list)
    for project in projects:
        board[project.mission_id, project.phase].append(project)
    rows = []
    for mission_id, mission in sorted(
        missions.items(), key=lambda item: (item[1] is None, str(item[1] or ""))
    ):
        rows.append((mission, [board[mission_id, phase] for phase in PHASES]))
    counts = [
        (phase, sum(len(board[mission_id, phase]) for mission_id in missions)) for phase in PHASES
    ]
    return render(
        request,
        "innovation/portfolio.html",
        {
            "form": form,
            "phases": PHASES,
            "rows": rows,
            "counts": counts,
            "total": len(projects),
            "waiting": [p for p in projects if p.is_waiting_for_gate],
            "may_create": can_create_project(request.user),
            "export": exports.PROJECTS.links(request),
            "crumbs": [start_crumb()],
        },
    )


def project_create(request):
    require(can_create_project, request.user)
    form = ProjectForm(request.POST or None)
    form.fields["mission"].queryset = Mission.objects.all()
    if request.method == "POST" and form.is_valid():
        organisation = request.user.staff_member.organisation
        project = actions.create_project(
            by=request.user, organisation=organisation, data=form.cleaned_data
        )
        messages.success(
            request,
            _("Projektet er oprettet i fasen Opstart med %(org)s som projektejer.")
            % {"org": organisation},
        )
        return redirect(project)
    return render(
        request,
        "innovation/project_form.html",
        {"form": form, "crumbs": [start_crumb(), ("", _("Nyt projekt"))]},
    )


def project_edit(request, pk):
    project = get_project_for(request.user, pk)
    require(can_change_project, request.user, project)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_project(
                by=request.user,
                project=project,
                data=form.cleaned_data,
                seen_version=form.seen_version,
            )
        except EditConflictError as error:
            form.add_error(None, error)
            form.show_current_version(project)
        else:
            messages.success(request, _("Projektet er gemt."))
            return redirect(project)
    return render(
        request,
        "innovation/project_form.html",
        {
            "form": form,
            "project": project,
            "crumbs": project_crumbs(project, ("", _("Redigér"))),
        },
    )


def project_detail(request, pk):
    project = get_project_for(request.user, pk)
    partners = list(project.partners.select_related("organisation"))
    project._partner_ids = {p.organisation_id for p in partners}
    may_change = can_change_project(request.user, project)
    involvements = list(project.involvements.all())
    partner_form = PartnerForm(prefix="partner")
    adoptions = list(project.adoptions.select_related("organisation"))
    owner_ids = {p.organisation_id for p in partners if p.role == PartnerRole.OWNER}
    tile_regions, tile_counts = adoption_overview(adoptions, owner_ids)
    return render(
        request,
        "innovation/project_detail.html",
        {
            "project": project,
            "partners": partners,
            "partner_roles": PartnerRole.choices,
            "phase_strip": [
                (phase, phase_index(phase) < project.phase_number - 1, phase == project.phase)
                for phase in PHASES
            ],
            "decisions": project.gate_decisions.select_related("recorded_by"),
            "history": project.phase_entries.all(),
            "involvement_strip": involvement_strip(project, involvements),
            "involvements": involvements,
            "freed": project.freed_resources.all(),
            "adoptions": adoptions,
            "tile_regions": tile_regions,
            "tile_counts": tile_counts,
            "lessons": Lesson.objects.visible_to(request.user)
            .filter(project=project)
            .select_related("organisation"),
            "may_change": may_change,
            "may_decide": can_decide_gate(request.user, project),
            "partner_form": partner_form,
            "involvement_form": InvolvementForm(prefix="involvement"),
            "freed_form": FreedResourceForm(prefix="freed"),
            "adoption_form": AdoptionForm(prefix="adoption"),
            "crumbs": [start_crumb(), ("", project.title)],
        },
    )


@require_POST
def partner_add(request, pk):
    project = get_project_for(request.user, pk)
    require(can_change_project, request.user, project)
    form = PartnerForm(request.POST, prefix="partner")
    if not form.is_valid():
        messages.error(
            request, _("Partneren blev ikke tilføjet. Vælg en organisation og en rolle.")
        )
        return redirect(project)
    try:
        actions.add_partner(by=request.user, project=project, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(project)
    messages.success(request, _("Partneren er tilføjet."))
    return redirect(project)


@require_POST
def partner_change(request, pk, partner_pk):
    project = get_project_for(request.user, pk)
    partner = get_object_or_404(
        ProjectPartner.objects.select_related("organisation"), pk=partner_pk, project=project
    )
    require(can_change_project, request.user, project)
    form = PartnerRoleForm(request.POST, instance=partner)
    if not form.is_valid():
        messages.error(
            request, _("Rollen blev ikke ændret. Vælg en af rollerne på listen, og prøv igen.")
        )
        return redirect(project)
    role = form.cleaned_data["role"]
    partner.refresh_from_db(fields=["role"])  # the form wrote to the instance; start clean
    try:
        actions.change_partner_role(by=request.user, partner=partner, role=role)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(project)
    messages.success(
        request,
        _("%(org)s har nu rollen %(role)s.")
        % {"org": partner.organisation, "role": partner.get_role_display()},
    )
    return redirect(project)


@require_POST
def partner_remove(request, pk, partner_pk):
    project = get_project_for(request.user, pk)
    partner = get_object_or_404(
        ProjectPartner.objects.select_related("organisation"), pk=partner_pk, project=project
    )
    require(can_change_project, request.user, project)
    try:
        actions.remove_partner(by=request.user, partner=partner)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(project)
    messages.success(
        request, _("%(org)s er fjernet fra projektet.") % {"org": partner.organisation}
    )
    return redirect(project)


@require_POST
def gate_request(request, pk):
    project = get_project_for(request.user, pk)
    require(can_change_project, request.user, project)
    try:
        actions.request_gate_decision(by=request.user, project=project)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(project)
    messages.success(
        request, _("Projektet står nu på listen over projekter, der venter på en gatebeslutning.")
    )
    return redirect(project)


def gate_decide(request, pk):
    """The steering group's decision at the gate; the state machine refuses illegal moves."""
    project = get_project_for(request.user, pk)
    require(can_decide_gate, request.user, project)
    form = GateDecisionForm(request.POST or None)
    state = gates.State(project.phase, project.status)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = actions.record_gate_decision(
                by=request.user,
                project=project,
                outcome=data["outcome"],
                to_phase=data["to_phase"] or None,
                decided_on=data["decided_on"],
                decision_makers=data["decision_makers"],
                criteria_met=data["criteria_met"],
                notes=data["notes"],
                risks_reviewed=data["risks_reviewed"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Gatebeslutningen er gemt: %(outcome)s. Projektet er nu i fasen %(phase)s.")
                % {
                    "outcome": decision.get_outcome_display(),
                    "phase": Phase(decision.to_phase).label,
                },
            )
            return redirect(project)
    return render(
        request,
        "innovation/gate_form.html",
        {
            "project": project,
            "form": form,
            "allowed": [GateOutcome(o).label for o in gates.allowed_outcomes(state)],
            "open_risks": sorted(project.risks.unclosed(), key=lambda r: -r.score),
            "crumbs": project_crumbs(project, ("", _("Gatebeslutning"))),
        },
    )
