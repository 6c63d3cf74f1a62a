"""Projects: the portfolio board, the project page, partners and the phase gates."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.concurrency import EditConflictError
from samskab.core.forms import evaluate_choices
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

#: The board pages its missions and caps its cells, so a national portfolio of a thousand
#: projects stays one screenful of cards; the filters and the export reach the rest.
MISSIONS_PER_PAGE = 10
CARDS_PER_CELL = 6
CARDS_IN_ONE_CELL = 100
WAITING_SHOWN = 10


def portfolio(request):
    """Projects by mission and phase as a board, with filters and the gate queue."""
    require(can_view_portfolio, request.user)
    form = PortfolioFilterForm(request.GET or None)
    projects = form.filter(Project.objects.all())
    if response := exports.PROJECTS.respond(
        request, projects.select_related("mission").order_by("title")
    ):
        return response
    counts = projects.cell_counts()
    mission_ids = {mission_id for mission_id, _phase in counts}
    missions = list(Mission.objects.filter(pk__in=mission_ids).order_by("name"))
    if None in mission_ids:
        missions.append(None)  # "Uden mission" last
    page = Paginator(missions, MISSIONS_PER_PAGE).get_page(request.GET.get("side"))
    on_page = [m.pk for m in page if m is not None]
    in_rows = Q(mission_id__in=on_page)
    if None in page.object_list:
        in_rows |= Q(mission__isnull=True)
    per_cell = CARDS_IN_ONE_CELL if form.shows_one_cell else CARDS_PER_CELL
    cards = defaultdict(list)
    for project in projects.filter(in_rows).first_per_cell(per_cell).order_by("title"):
        cards[project.mission_id, project.phase].append(project)
    rows = [
        (
            mission,
            [_cell(cards, counts, mission.pk if mission else None, phase) for phase in PHASES],
        )
        for mission in page
    ]
    waiting = projects.waiting_for_gate().order_by("gate_requested_on", "title")
    evaluate_choices(form)
    return render(
        request,
        "innovation/portfolio.html",
        {
            "form": form,
            "phases": PHASES,
            "page": page,
            "rows": rows,
            "counts": [
                (phase, sum(n for (_m, p), n in counts.items() if p == phase)) for phase in PHASES
            ],
            "total": sum(counts.values()),
            "waiting": list(waiting[:WAITING_SHOWN]),
            "waiting_total": waiting.count(),
            "may_create": can_create_project(request.user),
            "export": exports.PROJECTS.links(request),
            "crumbs": [start_crumb()],
        },
    )


def _cell(cards, counts, mission_id, phase):
    """The cards of one board cell and how many more the cell holds than it shows."""
    shown = cards[mission_id, phase]
    return {
        "phase": phase,
        "projects": shown,
        "more": counts.get((mission_id, phase), 0) - len(shown),
    }


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
    involvement_form = InvolvementForm(prefix="involvement")
    freed_form = FreedResourceForm(prefix="freed")
    adoption_form = AdoptionForm(prefix="adoption")
    evaluate_choices(partner_form, involvement_form, freed_form, adoption_form)
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
            "decisions": list(project.gate_decisions.select_related("recorded_by")),
            "history": list(project.phase_entries.all()),
            "involvement_strip": involvement_strip(project, involvements),
            "involvements": involvements,
            "freed": list(project.freed_resources.all()),
            "adoptions": adoptions,
            "tile_regions": tile_regions,
            "tile_counts": tile_counts,
            "lessons": list(
                Lesson.objects.visible_to(request.user)
                .filter(project=project)
                .select_related("organisation")
            ),
            "may_change": may_change,
            "may_decide": can_decide_gate(request.user, project),
            "partner_form": partner_form,
            "involvement_form": involvement_form,
            "freed_form": freed_form,
            "adoption_form": adoption_form,
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
