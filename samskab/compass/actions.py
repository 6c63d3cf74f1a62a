"""Writes in the Esbjerg model: compass rounds and answers, readiness assessments,
stepwise rollouts and citizens' unit memberships.

Unit memberships are a citizen's personal data, so every read and write of them is
access-logged; the rest holds no citizen data.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samskab.core.actions import log_access, log_access_many
from samskab.core.models import AccessAction
from samskab.people.consent_guard import ensure_processing_allowed
from samskab.people.models import ConsentPurpose
from samskab.people.permissions import is_platform_admin, works_with_citizen

from .models import (
    SUPPORTS,
    CompassAnswer,
    CompassResponse,
    CompassRound,
    FollowUpPeriod,
    ReadinessAssessment,
    Rollout,
    RolloutStage,
    UnitMembership,
)
from .permissions import (
    can_answer_round,
    can_create_assessment,
    can_manage_memberships,
    can_manage_rollout,
    can_manage_round,
    leader_organisation_ids,
    respondent_role,
    staff_organisation_ids,
)


@transaction.atomic
def open_round(*, by, organisation, unit, title, period_start, period_end) -> CompassRound:
    if not (is_platform_admin(by) or organisation.pk in leader_organisation_ids(by)):
        raise PermissionDenied
    round_ = CompassRound(
        organisation=organisation,
        unit=unit,
        title=title,
        period_start=period_start,
        period_end=period_end,
        created_by=by,
    )
    round_.full_clean()
    round_.save()
    return round_


@transaction.atomic
def close_round(*, by, round_: CompassRound) -> CompassRound:
    if not can_manage_round(by, round_):
        raise PermissionDenied
    round_ = CompassRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise ValidationError(_("Runden er allerede lukket."))
    round_.is_open = False
    round_.save(update_fields=["is_open", "updated_at"])
    return round_


@transaction.atomic
def submit_compass_response(*, by, round_: CompassRound, scores: dict, comments: dict):
    """One response per person and round: a score 1–5 and a comment for each support."""
    if not can_answer_round(by, round_):
        if not round_.is_open:
            raise ValidationError(_("Runden er lukket, så du kan ikke længere svare."))
        raise PermissionDenied
    if CompassResponse.objects.filter(round=round_, respondent=by).exists():
        raise ValidationError(_("Du har allerede svaret i denne runde. Du kan kun svare én gang."))
    missing = [s for s in SUPPORTS if s.value not in scores]
    if missing:
        raise ValidationError(_("Giv en score til alle seks understøttelser."))
    response = CompassResponse(
        round=round_, respondent=by, role=respondent_role(by, round_.organisation_id)
    )
    response.full_clean()
    answers = []
    for support in SUPPORTS:
        answer = CompassAnswer(
            response=response,
            support=support.value,
            score=scores[support.value],
            comment=(comments.get(support.value) or "").strip(),
        )
        answer.full_clean(exclude=["response"])
        answers.append(answer)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise ValidationError(
            _("Du har allerede svaret i denne runde. Du kan kun svare én gang.")
        ) from None
    CompassAnswer.objects.bulk_create(answers)
    return response


@transaction.atomic
def record_readiness(*, by, data: dict) -> ReadinessAssessment:
    if not can_create_assessment(by):
        raise PermissionDenied
    assessment = ReadinessAssessment(**data, created_by=by)
    mine = staff_organisation_ids(by)
    if not is_platform_admin(by) and not (
        assessment.source_organisation_id in mine or assessment.receiving_organisation_id in mine
    ):
        raise ValidationError(
            _("Du kan kun vurdere spredning fra eller til en organisation, du selv arbejder i.")
        )
    assessment.full_clean()
    assessment.save()
    return assessment


# Stepwise rollout ---------------------------------------------------------------


def _names(units) -> str:
    return ", ".join(sorted(unit.name for unit in units))


def _check_units_in(organisation, units, field):
    foreign = [unit for unit in units if unit.organisation_id != organisation.pk]
    if foreign:
        raise ValidationError(
            {
                field: _(
                    "%(units)s hører ikke til %(organisation)s. Vælg kun enheder fra "
                    "udrulningens organisation."
                )
                % {"units": _names(foreign), "organisation": organisation}
            }
        )


@transaction.atomic
def create_rollout(
    *,
    by,
    organisation,
    name,
    model_name,
    pilot_units,
    comparison_units,
    baseline_start,
    baseline_end,
    pilot_starts_on,
    follow_up_periods,
    measures=(),
) -> Rollout:
    """A rollout with its pilot as stage 1, its comparison units and its periods.

    `follow_up_periods` is a list of (name, starts_on, ends_on).
    """
    if not (is_platform_admin(by) or organisation.pk in leader_organisation_ids(by)):
        raise PermissionDenied
    pilot_units, comparison_units = list(pilot_units), list(comparison_units)
    if not pilot_units:
        raise ValidationError({"pilot_units": _("Vælg mindst én pilotenhed.")})
    if not comparison_units:
        raise ValidationError(
            {"comparison_units": _("Vælg mindst én sammenligningsenhed, så effekten kan måles.")}
        )
    _check_units_in(organisation, pilot_units, "pilot_units")
    _check_units_in(organisation, comparison_units, "comparison_units")
    both = {u.pk for u in pilot_units} & {u.pk for u in comparison_units}
    if both:
        raise ValidationError(
            {
                "comparison_units": _(
                    "En enhed kan ikke både være pilot- og sammenligningsenhed: %(units)s. "
                    "Fjern den fra en af listerne."
                )
                % {"units": _names(u for u in pilot_units if u.pk in both)}
            }
        )
    rollout = Rollout(
        organisation=organisation,
        name=name,
        model_name=model_name,
        baseline_start=baseline_start,
        baseline_end=baseline_end,
    )
    rollout.full_clean()
    if pilot_starts_on <= baseline_end:
        raise ValidationError(
            {"pilot_starts_on": _("Piloten skal starte efter før-perioden. Vælg en senere dato.")}
        )
    if not follow_up_periods:
        raise ValidationError(_("Angiv mindst én opfølgningsperiode."))
    periods = []
    for period_name, starts_on, ends_on in follow_up_periods:
        if ends_on < starts_on:
            raise ValidationError(
                _("Opfølgningsperioden %(name)s skal slutte efter, den begynder.")
                % {"name": period_name}
            )
        if starts_on < pilot_starts_on:
            raise ValidationError(
                _(
                    "Opfølgningsperioden %(name)s skal begynde, når piloten er startet "
                    "(%(date)s eller senere)."
                )
                % {"name": period_name, "date": date_format(pilot_starts_on)}
            )
        period = FollowUpPeriod(name=period_name, starts_on=starts_on, ends_on=ends_on)
        period.full_clean(exclude=["rollout"])
        periods.append(period)
    rollout.save()
    rollout.comparison_units.set(comparison_units)
    rollout.measures.set(measures)
    stage = RolloutStage.objects.create(
        rollout=rollout, number=1, name=_("Pilot"), starts_on=pilot_starts_on
    )
    stage.units.set(pilot_units)
    for period in periods:
        period.rollout = rollout
    FollowUpPeriod.objects.bulk_create(periods)
    return rollout


@transaction.atomic
def add_stage(*, by, rollout: Rollout, name, starts_on, units) -> RolloutStage:
    """A later stage that widens the rollout to more units of its organisation."""
    if not can_manage_rollout(by, rollout):
        raise PermissionDenied
    rollout = Rollout.objects.select_for_update().select_related("organisation").get(pk=rollout.pk)
    units = list(units)
    if not units:
        raise ValidationError({"units": _("Vælg mindst én enhed, som trinnet tager med.")})
    _check_units_in(rollout.organisation, units, "units")
    included = set(rollout.stages.values_list("units", flat=True))
    already = [unit for unit in units if unit.pk in included]
    if already:
        raise ValidationError(
            {
                "units": _(
                    "%(units)s er allerede med i udrulningen. Vælg enheder, der ikke er med endnu."
                )
                % {"units": _names(already)}
            }
        )
    last = rollout.stages.aggregate(number=Max("number"), starts_on=Max("starts_on"))
    if last["starts_on"] and starts_on <= last["starts_on"]:
        raise ValidationError(
            {
                "starts_on": _(
                    "Trinnet skal starte efter det forrige trin, som startede %(date)s. "
                    "Vælg en senere dato."
                )
                % {"date": date_format(last["starts_on"])}
            }
        )
    stage = RolloutStage(
        rollout=rollout, number=(last["number"] or 0) + 1, name=name, starts_on=starts_on
    )
    stage.full_clean()
    stage.save()
    stage.units.set(units)
    return stage


def rollout_units(rollout: Rollout):
    """The units taking part in the rollout: every stage's units and the comparison units."""
    from samskab.people.models import Unit

    return (
        Unit.objects.filter(pk__in=rollout.stages.values("units"))
        | Unit.objects.filter(pk__in=rollout.comparison_units.values("pk"))
    ).distinct()


MEMBERSHIP_PURPOSE = gettext_noop("Tilknytning af borgere til enheder i en trinvis udrulning")


def rollout_memberships(*, by, rollout: Rollout) -> list[UnitMembership]:
    """The memberships of the rollout's units (a logged read of the citizens' data)."""
    if not can_manage_memberships(by, rollout):
        raise PermissionDenied
    memberships = list(
        UnitMembership.objects.filter(
            unit__in=rollout_units(rollout), citizen__organisation_id=rollout.organisation_id
        )
        .select_related("citizen", "unit")
        .order_by("citizen__display_name", "started_on", "pk")
    )
    log_access_many(
        by=by,
        action=AccessAction.READ,
        objs=memberships,
        purpose=MEMBERSHIP_PURPOSE,
        citizen_id_of=lambda m: m.citizen_id,
    )
    return memberships


def _check_membership_access(by, rollout, citizen):
    if not (
        can_manage_memberships(by, rollout)
        and works_with_citizen(by, citizen)
        and citizen.organisation_id == rollout.organisation_id
    ):
        raise PermissionDenied


@transaction.atomic
def add_membership(*, by, rollout: Rollout, citizen, unit, started_on) -> UnitMembership:
    """The citizen is served by one of the rollout's units from `started_on`."""
    _check_membership_access(by, rollout, citizen)
    ensure_processing_allowed(citizen, ConsentPurpose.REGISTRATION)
    if not rollout_units(rollout).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("Vælg en enhed, der er med i udrulningen.")})
    if UnitMembership.objects.filter(citizen=citizen, unit=unit, ended_on__isnull=True).exists():
        raise ValidationError(
            {
                "unit": _(
                    "Borgeren er allerede tilknyttet %(unit)s. Afslut den nuværende "
                    "tilknytning, før du opretter en ny."
                )
                % {"unit": unit.name}
            }
        )
    membership = UnitMembership(citizen=citizen, unit=unit, started_on=started_on)
    membership.full_clean()
    membership.save()
    log_access(
        by=by,
        action=AccessAction.CREATE,
        obj=membership,
        citizen_id=citizen.pk,
        purpose=MEMBERSHIP_PURPOSE,
    )
    return membership


@transaction.atomic
def end_membership(*, by, rollout: Rollout, membership: UnitMembership, ended_on):
    """The citizen is no longer served by the unit after `ended_on`."""
    # Ending a membership ends processing: possible after a withdrawal, not under restriction.
    ensure_processing_allowed(membership.citizen, None)
    membership = (
        UnitMembership.objects.select_for_update()
        .select_related("citizen", "unit")
        .get(pk=membership.pk)
    )
    _check_membership_access(by, rollout, membership.citizen)
    if not rollout_units(rollout).filter(pk=membership.unit_id).exists():
        raise PermissionDenied
    if membership.ended_on is not None:
        raise ValidationError(_("Tilknytningen er allerede afsluttet."))
    if ended_on < membership.started_on:
        raise ValidationError(
            {
                "ended_on": _(
                    "Tilknytningen begyndte %(date)s, så den kan tidligst slutte samme dag."
                )
                % {"date": date_format(membership.started_on)}
            }
        )
    membership.ended_on = ended_on
    membership.full_clean()
    membership.save(update_fields=["ended_on", "updated_at"])
    log_access(
        by=by,
        action=AccessAction.UPDATE,
        obj=membership,
        citizen_id=membership.citizen_id,
        purpose=MEMBERSHIP_PURPOSE,
    )
    return membership
