"""Writes and reads of measurements: atomic, consent-checked and access-logged."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samskab.core.actions import log_access, log_access_many
from samskab.core.models import AccessAction
from samskab.people.consent_guard import ensure_processing_allowed
from samskab.people.models import Citizen, ConsentPurpose

from . import who5
from .models import Measure, Measurement, Who5Handover
from .permissions import can_manage_measures, can_record_measurement, can_self_report

#: Measurements are data registered about the citizen in Samskab, whatever practice they
#: serve (a rollout is not a coordinated pathway), so the registration consent covers them.
#: Evaluations only ever show aggregates of them.
CONSENT_PURPOSE = ConsentPurpose.REGISTRATION


def _require_consent(citizen: Citizen):
    ensure_processing_allowed(citizen, CONSENT_PURPOSE)


def _as_decimal(value) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"value": _("Skriv værdien som et tal, fx 12,5.")}) from None


@transaction.atomic
def record_measurement(
    *, by, citizen: Citizen, measure: Measure, value, measured_on: date
) -> Measurement:
    """A professional records one value of a numeric or scale measure for a citizen."""
    if not can_record_measurement(by, citizen):
        raise PermissionDenied
    if measure.is_who5:
        raise ValidationError(_("WHO-5 registreres med de fem spørgsmål, ikke som ét tal."))
    _require_consent(citizen)
    measurement = Measurement(
        citizen=citizen,
        measure=measure,
        value=_as_decimal(value),
        measured_on=measured_on,
        entered_by=by,
    )
    measurement.full_clean()
    measurement.save()
    log_access(
        by=by,
        action=AccessAction.CREATE,
        obj=measurement,
        citizen_id=citizen.pk,
        purpose=gettext_noop("Registrering af effektmåling"),
    )
    return measurement


@transaction.atomic
def record_who5(
    *,
    by,
    citizen: Citizen,
    answers: list[int],
    measured_on: date,
    self_reported: bool,
    handover: Who5Handover | None = None,
) -> Measurement:
    """Store a WHO-5 answer: the five items and the 0–100 index.

    `self_reported` is true when the citizen answered (own login or the hand-over screen).
    Idempotent: the same answers for the same citizen and day are one row (a form posted
    twice), and a hand-over's screen is single-use (closed here, before anything is stored).
    """
    if not (can_record_measurement(by, citizen) or can_self_report(by, citizen)):
        raise PermissionDenied
    _require_consent(citizen)
    measure = Measure.objects.get(code=who5.CODE)
    try:
        result = who5.score(answers)
    except ValueError:
        raise ValidationError(_("Svar på alle fem spørgsmål med en værdi fra 0 til 5.")) from None
    # One answer at a time per citizen, so two posts at once cannot both find no row.
    Citizen.objects.select_for_update().only("pk").get(pk=citizen.pk)
    if handover is not None:
        handover.close(skipped=False)
    same_day = Measurement.objects.filter(
        citizen=citizen, measure=measure, measured_on=measured_on, is_self_reported=self_reported
    )
    for earlier in same_day:
        if earlier.item_answers == list(answers):
            return earlier
    measurement = Measurement(
        citizen=citizen,
        measure=measure,
        value=Decimal(result.index),
        measured_on=measured_on,
        entered_by=by,
        is_self_reported=self_reported,
        item_answers=list(answers),
    )
    measurement.full_clean()
    measurement.save()
    log_access(
        by=by,
        action=AccessAction.CREATE,
        obj=measurement,
        citizen_id=citizen.pk,
        purpose=gettext_noop("Besvarelse af WHO-5 trivselsindeks"),
    )
    return measurement


def read_measurements(*, by, citizen: Citizen, purpose: str):
    """A citizen's measurements, newest first; the read is logged (one entry per row)."""
    measurements = list(
        Measurement.objects.for_citizen(citizen).select_related("measure", "entered_by")
    )
    log_access_many(
        by=by,
        action=AccessAction.READ,
        objs=measurements,
        purpose=purpose,
        citizen_id_of=lambda m: m.citizen_id,
    )
    return measurements


@transaction.atomic
def create_measure(*, by, data: dict) -> Measure:
    """Administrators add their own numeric or scale measures (never built-in ones)."""
    if not can_manage_measures(by):
        raise PermissionDenied
    measure = Measure(**data, is_builtin=False)
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def start_who5_handover(*, by, citizen: Citizen) -> Who5Handover:
    """Hand the device to the citizen for WHO-5: one single-use, expiring screen."""
    _require_consent(citizen)
    if not can_record_measurement(by, citizen):
        raise PermissionDenied
    Who5Handover.objects.filter(citizen=citizen).retire()
    return Who5Handover.objects.create(citizen=citizen, opened_by=by)


@transaction.atomic
def skip_who5_handover(*, by, handover: Who5Handover) -> Who5Handover:
    """The citizen skips: nothing about them is stored, the screen is closed."""
    return handover.close(skipped=True)
