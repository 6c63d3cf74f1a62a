"""Writes to citizens and consent: atomic, validated and recorded in the access log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samskab.core.actions import log_access
from samskab.core.concurrency import check_version
from samskab.core.models import AccessAction

# The refusals live with the guard; re-exported because callers catch them from here.
from .consent_guard import (  # noqa: F401
    MissingConsentError,
    ProcessingRefusedError,
    ProcessingRestrictedError,
    ensure_processing_allowed,
)
from .models import Citizen, Consent, ConsentPurpose, LegalBasis

CONTACT_FIELDS = ("email", "phone")


def _require_contact_consent(citizen: Citizen, data: dict, granted: set[str]):
    wants_contact = any(data.get(field) for field in CONTACT_FIELDS)
    if wants_contact and ConsentPurpose.CONTACT not in granted:
        raise MissingConsentError(
            _(
                "Borgeren har ikke givet samtykke til kontakt. Fjern e-mail og telefon, "
                "eller registrér samtykket først."
            )
        )


@transaction.atomic
def register_citizen(
    *, by, organisation, data: dict, consents: list[str], legal_basis=LegalBasis.CONSENT
) -> Citizen:
    """Create a citizen together with the consents they gave; registration consent is required."""
    if ConsentPurpose.REGISTRATION not in consents:
        raise MissingConsentError(
            _("Borgeren skal give samtykke til registrering, før du kan oprette borgeren.")
        )
    citizen = Citizen(organisation=organisation, **data)
    _require_contact_consent(citizen, data, set(consents))
    citizen.full_clean()
    citizen.save()
    for purpose in dict.fromkeys(consents):
        Consent.objects.create(
            citizen=citizen, purpose=purpose, legal_basis=legal_basis, given_by=by
        )
    log_access(
        by=by,
        action=AccessAction.CREATE,
        obj=citizen,
        citizen_id=citizen.pk,
        purpose=gettext_noop("Registrering af borger"),
    )
    return citizen


@transaction.atomic
def update_citizen(*, by, citizen: Citizen, data: dict, seen_version: str = "") -> Citizen:
    ensure_processing_allowed(citizen, ConsentPurpose.REGISTRATION)
    check_version(citizen, seen_version)
    granted = set(citizen.consents.active().values_list("purpose", flat=True))
    _require_contact_consent(citizen, data, granted)
    for field, value in data.items():
        setattr(citizen, field, value)
    citizen.full_clean()
    citizen.save()
    log_access(
        by=by,
        action=AccessAction.UPDATE,
        obj=citizen,
        citizen_id=citizen.pk,
        purpose=gettext_noop("Ændring af borgerens oplysninger"),
    )
    return citizen


@transaction.atomic
def give_consent(*, by, citizen: Citizen, purpose: str, legal_basis=LegalBasis.CONSENT) -> Consent:
    # Giving consent (again) is how processing resumes, so only a restriction stops it.
    ensure_processing_allowed(citizen, None)
    if citizen.consents.active().filter(purpose=purpose).exists():
        raise ValidationError(_("Borgeren har allerede givet samtykke til dette formål."))
    consent = Consent(citizen=citizen, purpose=purpose, legal_basis=legal_basis, given_by=by)
    consent.full_clean()
    consent.save()
    log_access(
        by=by,
        action=AccessAction.CREATE,
        obj=consent,
        citizen_id=citizen.pk,
        purpose=gettext_noop("Registrering af samtykke"),
    )
    return consent


@transaction.atomic
def withdraw_consent(*, by, consent: Consent) -> Consent:
    """Withdrawal takes effect at once: later processing for the purpose is refused.

    Never guarded: a citizen may withdraw at any time, also while processing is restricted
    (GDPR art. 7, stk. 3)."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("Samtykket er allerede trukket tilbage."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = by
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    log_access(
        by=by,
        action=AccessAction.UPDATE,
        obj=consent,
        citizen_id=consent.citizen_id,
        purpose=gettext_noop("Tilbagetrækning af samtykke"),
    )
    return consent


def record_citizen_read(*, by, citizen: Citizen, purpose: str):
    """Every view of a citizen's personal data is logged with the activity it served."""
    log_access(by=by, action=AccessAction.READ, obj=citizen, citizen_id=citizen.pk, purpose=purpose)
