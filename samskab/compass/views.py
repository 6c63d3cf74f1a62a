"""Pages for the Esbjerg model: compass rounds and results, readiness, rollouts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.pages import error_text, require
from samskab.outcomes.evaluation import min_group_size
from samskab.outcomes.permissions import can_view_measures
from samskab.people.models import Citizen, Organisation
from samskab.people.permissions import is_platform_admin, is_staff_member

from . import actions, exports, results, rollouts
from .forms import (
    CompassResponseForm,
    EndMembershipForm,
    MembershipForm,
    ReadinessForm,
    RolloutForm,
    RoundForm,
    StageForm,
)
from .models import CompassResponse, CompassRound, ReadinessAssessment, Rollout, UnitMembership
from .permissions import (
    can_answer_round,
    can_create_assessment,
    can_create_rollout,
    can_create_round,
    can_manage_memberships,
    can_manage_rollout,
    can_manage_round,
    get_assessment_for,
    get_rollout_for,
    get_round_for,
    leader_organisation_ids,
)


def _posted(request):
    """The POST data of a submitted form, even when empty (an empty form must show errors)."""
    return request.POST if request.method == "POST" else None


def _crumbs(*extra):
    return [(reverse("compass:index"), _("Esbjerg-modellen")), *extra]


def _may_use(user):
    return is_staff_member(user) or is_platform_admin(user)


def index(request):
    require(_may_use, request.user)
    user = request.user
    rounds = (
        CompassRound.objects.visible_to(user)
        .select_related("organisation", "unit")
        .annotate(
            response_count=Count("responses"),
            has_answered=Exists(
                CompassResponse.objects.filter(round=OuterRef("pk"), respondent=user)
            ),
        )
    )
    assessments = ReadinessAssessment.objects.visible_to(user).select_related(
        "source_organisation", "receiving_organisation"
    )
    rollouts = Rollout.objects.visible_to(user).select_related("organisation")
    for export, rows in (
        (exports.ROUNDS, rounds),
        (exports.ASSESSMENTS, assessments),
        (exports.ROLLOUTS, rollouts),
    ):
        if response := export.respond(request, rows):
            return response
    return render(
        request,
        "compass/index.html",
        {
            "rounds": list(rounds),
            "assessments": list(assessments),
            "rollouts": list(rollouts),
            "rounds_export": exports.ROUNDS.links(request, _("runder")),
            "assessments_export": exports.ASSESSMENTS.links(request, _("vurderinger")),
            "rollouts_export": exports.ROLLOUTS.links(request, _("udrulninger")),
            "can_create_round": can_create_round(user),
            "can_create_assessment": can_create_assessment(user),
            "can_create_rollout": can_create_rollout(user),
            "can_view_measures": can_view_measures(user),
            "crumbs": [(None, _("Esbjerg-modellen"))],
        },
    )


# Leadership compass -------------------------------------------------------------


def _led_organisations(user):
    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=leader_organisation_ids(user))


def _add_errors(form, error):
    """Put an action's ValidationError on the form's fields where they exist."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def round_create(request):
    require(can_create_round, request.user)
    organisations = _led_organisations(request.user)
    form = RoundForm(_posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = actions.open_round(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Runden er åbnet. Ledere og medarbejdere kan nu svare."))
            return redirect("compass:round-detail", pk=round_.pk)
    return render(
        request,
        "compass/round_form.html",
        {"form": form, "crumbs": _crumbs((None, _("Ny runde")))},
    )


def round_detail(request, pk):
    """The round and its results: leaders vs employees, largest gaps, change since last."""
    round_ = get_round_for(request.user, pk)
    result = results.compass_result(round_)
    has_answered = CompassResponse.objects.filter(round=round_, respondent=request.user).exists()
    return render(
        request,
        "compass/round_detail.html",
        {
            "round": round_,
            "result": result,
            "radar": results.radar(result),
            "gaps": result.largest_gaps(),
            "comments": results.comments(round_, result),
            "min_respondents": results.MIN_RESPONDENTS,
            "has_answered": has_answered,
            "can_answer": can_answer_round(request.user, round_) and not has_answered,
            "can_manage": can_manage_round(request.user, round_),
            "crumbs": _crumbs((None, round_.title)),
        },
    )


def round_answer(request, pk):
    round_ = get_round_for(request.user, pk)
    require(can_answer_round, request.user, round_)
    form = CompassResponseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_compass_response(
                by=request.user, round_=round_, scores=form.scores(), comments=form.comments()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Tak. Dit svar er gemt."))
            return redirect("compass:round-detail", pk=round_.pk)
    return render(
        request,
        "compass/round_answer.html",
        {
            "round": round_,
            "form": form,
            "crumbs": _crumbs(
                (reverse("compass:round-detail", args=[round_.pk]), round_.title),
                (None, _("Svar")),
            ),
        },
    )


@require_POST
def round_close(request, pk):
    round_ = get_round_for(request.user, pk)
    require(can_manage_round, request.user, round_)
    try:
        actions.close_round(by=request.user, round_=round_)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Runden er lukket."))
    return redirect("compass:round-detail", pk=round_.pk)


# Readiness to spread -------------------------------------------------------------


def assessment_create(request):
    require(can_create_assessment, request.user)
    form = ReadinessForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            assessment = actions.record_readiness(by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Vurderingen er gemt."))
            return redirect("compass:assessment-detail", pk=assessment.pk)
    return render(
        request,
        "compass/assessment_form.html",
        {"form": form, "crumbs": _crumbs((None, _("Ny vurdering af spredning")))},
    )


def assessment_detail(request, pk):
    assessment = get_assessment_for(request.user, pk)
    return render(
        request,
        "compass/assessment_detail.html",
        {
            "assessment": assessment,
            "result": results.readiness_result(assessment),
            "crumbs": _crumbs((None, str(assessment))),
        },
    )


# Stepwise rollout and effect evaluation ------------------------------------------


def rollout_detail(request, pk):
    rollout = get_rollout_for(request.user, pk)
    rollout = (
        Rollout.objects.filter(pk=rollout.pk)
        .select_related("organisation")
        .prefetch_related("stages__units", "comparison_units", "follow_up_periods", "measures")
        .get()
    )
    return render(
        request,
        "compass/rollout_detail.html",
        {
            "rollout": rollout,
            "evaluation": rollouts.evaluate(rollout, by=request.user),
            "minimum": min_group_size(),
            "can_manage": can_manage_rollout(request.user, rollout),
            "can_manage_memberships": can_manage_memberships(request.user, rollout),
            "crumbs": _crumbs((None, rollout.name)),
        },
    )


def rollout_create(request):
    require(can_create_rollout, request.user)
    form = RolloutForm(_posted(request), organisations=_led_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            rollout = actions.create_rollout(by=request.user, **form.action_kwargs())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Udrulningen er oprettet med piloten som første trin."))
            return redirect("compass:rollout-detail", pk=rollout.pk)
    return render(
        request,
        "compass/rollout_form.html",
        {"form": form, "crumbs": _crumbs((None, _("Opret udrulning")))},
    )


def _rollout_crumbs(rollout, label):
    return _crumbs(
        (reverse("compass:rollout-detail", args=[rollout.pk]), rollout.name), (None, label)
    )


def stage_create(request, pk):
    rollout = get_rollout_for(request.user, pk)
    require(can_manage_rollout, request.user, rollout)
    form = StageForm(_posted(request), rollout=rollout)
    if request.method == "POST" and form.is_valid():
        try:
            stage = actions.add_stage(by=request.user, rollout=rollout, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Trin %(number)s er tilføjet til udrulningen.") % {"number": stage.number},
            )
            return redirect("compass:rollout-detail", pk=rollout.pk)
    return render(
        request,
        "compass/stage_form.html",
        {"rollout": rollout, "form": form, "crumbs": _rollout_crumbs(rollout, _("Nyt trin"))},
    )


def memberships(request, pk):
    """The citizens of the rollout's units: add a membership, or go on to end one."""
    rollout = get_rollout_for(request.user, pk)
    require(can_manage_memberships, request.user, rollout)
    units = actions.rollout_units(rollout).select_related("organisation").order_by("name")
    citizens = Citizen.objects.filter(organisation_id=rollout.organisation_id).order_by(
        "display_name"
    )
    form = MembershipForm(_posted(request), citizens=citizens, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_membership(by=request.user, rollout=rollout, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Borgeren er tilknyttet enheden."))
            return redirect("compass:membership-list", pk=rollout.pk)
    return render(
        request,
        "compass/memberships.html",
        {
            "rollout": rollout,
            "form": form,
            "memberships": actions.rollout_memberships(by=request.user, rollout=rollout),
            "crumbs": _rollout_crumbs(rollout, _("Borgernes tilknytning")),
        },
    )


def membership_end(request, pk, membership_pk):
    rollout = get_rollout_for(request.user, pk)
    require(can_manage_memberships, request.user, rollout)
    membership = (
        UnitMembership.objects.filter(
            pk=membership_pk,
            unit__in=actions.rollout_units(rollout),
            citizen__organisation_id=rollout.organisation_id,
        )
        .select_related("citizen", "unit")
        .first()
    )
    if membership is None:
        raise Http404
    form = EndMembershipForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_membership(
                by=request.user, rollout=rollout, membership=membership, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Tilknytningen er afsluttet."))
            return redirect("compass:membership-list", pk=rollout.pk)
    return render(
        request,
        "compass/membership_end.html",
        {
            "rollout": rollout,
            "membership": membership,
            "form": form,
            "crumbs": _rollout_crumbs(rollout, _("Afslut tilknytning")),
        },
    )
