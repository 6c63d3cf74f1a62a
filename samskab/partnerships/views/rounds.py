"""The facilitator's pages: rounds, candidates, matching and the round overview."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from samskab.core.actions import log_access_many
from samskab.core.forms import evaluate_choices
from samskab.core.models import AccessAction
from samskab.core.pages import error_text, require
from samskab.people.models import Organisation

from .. import actions, exports
from ..forms import ConstraintForm, RoundForm
from ..models import (
    CandidateStatus,
    ExperienceExpert,
    Leader,
    MatchConstraint,
    MatchingRun,
    Partnership,
    PartnershipState,
    Round,
    RunStatus,
)
from ..permissions import (
    facilitator_organisation_ids,
    get_round_for,
    is_facilitator,
    is_leader,
    is_researcher,
)
from .common import round_crumbs, start_crumb


def index(request):
    """The practice's start page: what this user can do here, by role."""
    user = request.user
    own = list(
        Partnership.objects.of_party(user)
        .select_related("round", "expert__citizen", "leader__user")
        .order_by("-round__starts_on")
    )
    if own:
        log_access_many(
            by=user,
            action=AccessAction.READ,
            objs=own,
            purpose=gettext_noop("Egne partnerskaber"),
            citizen_id_of=lambda p: p.expert.citizen_id,
        )
    rounds = (
        Round.objects.visible_to(user)
        .annotate(
            expert_count=Count("experienceexperts", distinct=True),
            leader_count=Count("leaders", distinct=True),
            partnership_count=Count(
                "partnerships",
                filter=~Q(partnerships__state=PartnershipState.DECLINED),
                distinct=True,
            ),
        )
        .select_related("organisation")
    )
    if is_facilitator(user) and (response := exports.ROUNDS.respond(request, rounds)):
        return response
    open_rounds = []
    if is_leader(user) or _is_citizen_user(user):
        open_rounds = list(
            Round.objects.open_for_registration()
            .exclude(leaders__user=user)
            .exclude(experienceexperts__citizen__user=user)
            .select_related("organisation")
        )
    return render(
        request,
        "partnerships/index.html",
        {
            "own": own,
            "rounds": list(rounds),
            "open_rounds": open_rounds,
            "is_facilitator": is_facilitator(user),
            "is_leader": is_leader(user),
            "is_researcher": is_researcher(user),
            "rounds_export": exports.ROUNDS.links(request),
            "crumbs": [(None, _("Partnerskaber"))],
        },
    )


def _is_citizen_user(user):
    return hasattr(user, "citizen") and user.citizen is not None


def round_create(request):
    require(is_facilitator, request.user)
    organisation = Organisation.objects.filter(
        pk__in=facilitator_organisation_ids(request.user)
    ).first()
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = actions.create_round(
                by=request.user, organisation=organisation, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Runden er oprettet."))
            return redirect(round_)
    return render(
        request,
        "partnerships/round_form.html",
        {"form": form, "crumbs": [start_crumb(), (None, _("Ny runde"))]},
    )


def _overview(round_):
    experts = list(round_.experienceexperts.select_related("citizen").order_by("pk"))
    leaders = list(round_.leaders.select_related("user", "organisation").order_by("pk"))
    partnerships = list(
        round_.partnerships.select_related("expert__citizen", "leader__user", "round")
        .annotate(meeting_count=Count("meetings"))
        .order_by("pk")
    )
    by_phase = [
        (state, [p for p in partnerships if p.state == state.value]) for state in PartnershipState
    ]
    overdue = [
        (p, reasons)
        for p in partnerships
        if (reasons := p.overdue_reasons(meeting_count=p.meeting_count))
    ]
    return experts, leaders, partnerships, by_phase, overdue


def _matching_context(round_, experts=None, leaders=None):
    run = round_.matching_runs.first()
    pairs = []
    if run and run.status in (RunStatus.DONE, RunStatus.CONFIRMED):
        experts = {e.pk: e for e in experts} if experts is not None else None
        leaders = {lead.pk: lead for lead in leaders} if leaders is not None else None
        if experts is None:
            experts = ExperienceExpert.objects.select_related("citizen").in_bulk(
                [p["expert"] for p in run.pairs]
            )
            leaders = Leader.objects.select_related("user").in_bulk(
                [p["leader"] for p in run.pairs]
            )
        pairs = [
            {**p, "expert_obj": experts.get(p["expert"]), "leader_obj": leaders.get(p["leader"])}
            for p in run.pairs
        ]
    return {"round": round_, "run": run, "pairs": pairs}


def round_detail(request, pk):
    round_ = get_round_for(request.user, pk)
    experts, leaders, partnerships, by_phase, overdue = _overview(round_)
    for export, rows in (
        (exports.EXPERTS, experts),
        (exports.LEADERS, leaders),
        (exports.PARTNERSHIPS, partnerships),
    ):
        if response := export.respond(request, rows, suffix=str(round_.pk)):
            return response
    log_access_many(
        by=request.user,
        action=AccessAction.READ,
        objs=experts,
        purpose=gettext_noop("Rundeoversigt og match-making"),
        citizen_id_of=lambda e: e.citizen_id,
    )
    constraints = list(round_.constraints.select_related("expert__citizen", "leader__user"))
    (constraint_form,) = evaluate_choices(ConstraintForm(round_=round_))
    return render(
        request,
        "partnerships/round_detail.html",
        {
            "round": round_,
            "experts": experts,
            "leaders": leaders,
            "by_phase": by_phase,
            "overdue": overdue,
            "constraints": constraints,
            "constraint_form": constraint_form,
            "statuses": CandidateStatus,
            "experts_export": exports.EXPERTS.links(request, _("erfaringseksperter")),
            "leaders_export": exports.LEADERS.links(request, _("ledere")),
            "partnerships_export": exports.PARTNERSHIPS.links(request, _("partnerskaber")),
            **_matching_context(round_, experts, leaders),
            "crumbs": [*round_crumbs(round_)[:-1], (None, round_.theme)],
        },
    )


@require_POST
def candidate_review(request, pk, kind, candidate_pk):
    round_ = get_round_for(request.user, pk)
    model = {"ekspert": ExperienceExpert, "leder": Leader}.get(kind)
    if model is None:
        return redirect(round_)
    candidate = get_object_or_404(model, pk=candidate_pk, round=round_)
    try:
        actions.review_candidate(
            by=request.user, candidate=candidate, status=request.POST.get("status")
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("%(name)s er nu: %(status)s.")
            % {"name": candidate, "status": candidate.get_status_display()},
        )
    return redirect(f"{round_.get_absolute_url()}#kandidater")


@require_POST
def constraint_add(request, pk):
    round_ = get_round_for(request.user, pk)
    form = ConstraintForm(request.POST, round_=round_)
    if not form.is_valid():
        messages.error(
            request,
            _("Reglen blev ikke gemt: vælg en erfaringsekspert, en leder og en regel fra listen."),
        )
    else:
        try:
            actions.add_constraint(by=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Reglen er gemt. Beregn forslaget igen for at bruge den."))
    return redirect(f"{round_.get_absolute_url()}#match-making")


@require_POST
def constraint_remove(request, pk, rule_pk):
    round_ = get_round_for(request.user, pk)
    rule = get_object_or_404(MatchConstraint, pk=rule_pk, round=round_)
    actions.remove_constraint(by=request.user, rule=rule)
    messages.success(request, _("Reglen er fjernet."))
    return redirect(f"{round_.get_absolute_url()}#match-making")


@require_POST
def matching_run(request, pk):
    round_ = get_round_for(request.user, pk)
    run = actions.run_matching(by=request.user, round_=round_)
    if run.status == RunStatus.FAILED:
        messages.error(request, run.error)
    elif run.status == RunStatus.DONE:
        messages.success(request, _("Forslaget er beregnet."))
    else:
        messages.info(
            request, _("Forslaget beregnes i baggrunden. Siden viser, hvor langt det er.")
        )
    return redirect(f"{round_.get_absolute_url()}#match-making")


def matching_status(request, pk):
    """The matching section alone; htmx polls it while a background solve runs."""
    round_ = get_round_for(request.user, pk)
    return render(request, "partnerships/matching_section.html", _matching_context(round_))


@require_POST
def matching_confirm(request, pk, run_pk):
    round_ = get_round_for(request.user, pk)
    run = get_object_or_404(MatchingRun, pk=run_pk, round=round_)
    try:
        created = actions.confirm_matching(by=request.user, run=run)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("%(count)s partnerskaber er foreslået. Parterne kan nu se deres partner.")
            % {"count": len(created)},
        )
    return redirect(round_)
