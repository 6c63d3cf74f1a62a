"""Writes in the Esbjerg model: compass rounds and answers, readiness assessments.

No citizen data is written here, so there is nothing to access-log; rollouts and unit
memberships are maintained in the admin and the demo.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samskab.people.permissions import is_platform_admin

from .models import SUPPORTS, CompassAnswer, CompassResponse, CompassRound, ReadinessAssessment
from .permissions import (
    can_answer_round,
    can_create_assessment,
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
