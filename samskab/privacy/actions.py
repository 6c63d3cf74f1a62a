"""Data-protection writes: requests, erasure, restriction, retention and studies.

Each is atomic and access-logged. Erasure walks the personal-data registry in one
transaction: interrupted half-way, the database keeps all or nothing of it.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samskab.core.actions import log_access, prune_access_log
from samskab.core.models import AccessAction, AccessLogEntry
from samskab.people.models import Citizen

from .models import DataSubjectRequest, RequestKind, RequestOutcome, ResearchStudy, one_month_after
from .registry import PersonalData, registry

#: The reason offered when erasure must be refused; the DPO may adjust it.
LEGAL_OBLIGATION_REASON = gettext_noop(
    "Kommunen har pligt til at opbevare journaloplysninger om sagsbehandlingen "
    "(GDPR art. 17, stk. 3, litra b, jf. offentlighedslovens notatpligt og arkivloven). "
    "Behandlingen begrænses i stedet, så oplysningerne kun opbevares."
)


# Right of access ----------------------------------------------------------------------------


def citizen_export(citizen: Citizen) -> dict:
    """Everything Samskab holds about the citizen, per registered record type."""
    sections = []
    for entry in registry.entries():
        rows = entry.export_rows(citizen)
        sections.append(
            {
                "type": entry.label,
                "name": entry.verbose_name,
                "fields": entry.field_labels(),
                "rows": rows,
            }
        )
    return {
        "citizen_id": citizen.pk,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "sections": sections,
    }


def record_data_access(*, by, citizen: Citizen, download: bool):
    """Logged like any other access: the citizen sees it in Min log."""
    log_access(
        by=by,
        action=AccessAction.EXPORT if download else AccessAction.READ,
        obj=citizen,
        citizen_id=citizen.pk,
        purpose=gettext_noop("Indsigt i borgerens egne oplysninger (GDPR art. 15)"),
    )


# Requests -----------------------------------------------------------------------------------


@transaction.atomic
def register_request(
    *, by, citizen: Citizen, kind: str, received_on: datetime.date, description: str = ""
) -> DataSubjectRequest:
    if received_on and received_on > timezone.localdate():
        raise ValidationError(_("Modtagelsesdatoen kan ikke ligge i fremtiden."))
    request = DataSubjectRequest(
        citizen=citizen,
        kind=kind,
        received_on=received_on,
        deadline_on=one_month_after(received_on) if received_on else None,
        description=description,
        registered_by=by,
    )
    request.full_clean()
    request.save()
    log_access(
        by=by,
        action=AccessAction.CREATE,
        obj=request,
        citizen_id=citizen.pk,
        purpose=gettext_noop("Registrering af anmodning efter databeskyttelsesreglerne"),
    )
    return request


@transaction.atomic
def answer_request(
    *, by, request: DataSubjectRequest, outcome: str, note: str
) -> DataSubjectRequest:
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise ValidationError(_("Anmodningen er allerede besvaret."))
    if outcome not in RequestOutcome.values:
        raise ValidationError(_("Vælg en afgørelse."))
    if outcome != RequestOutcome.GRANTED and not note.strip():
        raise ValidationError(_("Skriv en begrundelse, når anmodningen ikke imødekommes fuldt ud."))
    request.outcome = outcome
    request.answer_note = note.strip()
    request.answered_on = timezone.localdate()
    request.answered_by = by
    request.full_clean()
    request.save()
    log_access(
        by=by,
        action=AccessAction.UPDATE,
        obj=request,
        citizen_id=request.citizen_id,
        purpose=gettext_noop("Besvarelse af anmodning efter databeskyttelsesreglerne"),
    )
    return request


# Erasure and restriction --------------------------------------------------------------------


@transaction.atomic
def erase_citizen(*, by, citizen: Citizen) -> dict[str, int]:
    """Erase the citizen everywhere, as each registry entry declares; all or nothing."""
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    if citizen.erased_at is not None:
        raise ValidationError(_("Borgerens oplysninger er allerede slettet."))
    affected = {}
    for entry in registry.entries():
        affected[entry.label] = entry.erase(entry.rows_for(citizen))
    log_access(
        by=by,
        action=AccessAction.DELETE,
        obj=citizen,
        citizen_id=citizen.pk,
        purpose=gettext_noop("Sletning efter anmodning (GDPR art. 17)"),
    )
    return affected


def _erasure_request(request: DataSubjectRequest) -> DataSubjectRequest:
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if request.kind != RequestKind.ERASURE:
        raise ValidationError(_("Anmodningen gælder ikke sletning."))
    if not request.is_open:
        raise ValidationError(_("Anmodningen er allerede besvaret."))
    return request


@transaction.atomic
def grant_erasure(*, by, request: DataSubjectRequest) -> DataSubjectRequest:
    request = _erasure_request(request)
    erase_citizen(by=by, citizen=request.citizen)
    return answer_request(
        by=by,
        request=request,
        outcome=RequestOutcome.GRANTED,
        note=_("Borgerens oplysninger er slettet eller anonymiseret i alle moduler."),
    )


@transaction.atomic
def refuse_erasure(
    *, by, request: DataSubjectRequest, reason: str, restrict: bool
) -> DataSubjectRequest:
    """Art. 17(3)(b): refuse with the recorded reason, and restrict processing instead."""
    request = _erasure_request(request)
    if not reason.strip():
        raise ValidationError(_("Skriv begrundelsen for afslaget."))
    if restrict and request.citizen.processing_restricted_at is None:
        restrict_processing(by=by, citizen=request.citizen)
    return answer_request(by=by, request=request, outcome=RequestOutcome.REFUSED, note=reason)


@transaction.atomic
def restrict_processing(*, by, citizen: Citizen) -> Citizen:
    """GDPR art. 18: the data is only stored; every new processing is refused."""
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    if citizen.processing_restricted_at is not None:
        raise ValidationError(_("Behandlingen er allerede begrænset."))
    citizen.processing_restricted_at = timezone.now()
    citizen.save(update_fields=["processing_restricted_at", "updated_at"])
    log_access(
        by=by,
        action=AccessAction.UPDATE,
        obj=citizen,
        citizen_id=citizen.pk,
        purpose=gettext_noop("Begrænsning af behandling (GDPR art. 18)"),
    )
    return citizen


@transaction.atomic
def lift_restriction(*, by, citizen: Citizen) -> Citizen:
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    if citizen.processing_restricted_at is None:
        raise ValidationError(_("Behandlingen er ikke begrænset."))
    citizen.processing_restricted_at = None
    citizen.save(update_fields=["processing_restricted_at", "updated_at"])
    log_access(
        by=by,
        action=AccessAction.UPDATE,
        obj=citizen,
        citizen_id=citizen.pk,
        purpose=gettext_noop("Ophævelse af begrænsning af behandling"),
    )
    return citizen


# Retention ----------------------------------------------------------------------------------


@dataclass
class RetentionLine:
    entry: PersonalData | None
    name: str
    rule: str
    action: str
    count: int


def access_log_cutoff(now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)


def _due(entry: PersonalData, now):
    rows = entry.expired(now)
    if entry.blank:
        # Rows already anonymised are not counted (or touched) again.
        rows = rows.exclude(**entry.blank)
    return rows


@transaction.atomic
def apply_retention(*, dry_run: bool, now=None) -> list[RetentionLine]:
    """Erase or anonymise every record past its declared retention, and prune the access log.

    With `dry_run` nothing changes: the lines say what would be erased per record type.
    """
    lines = []
    for entry in registry.entries():
        if entry.retention is None:
            continue
        rows = _due(entry, now)
        count = rows.count() if dry_run else entry.erase(rows)
        lines.append(
            RetentionLine(
                entry, entry.verbose_name, str(entry.retention.description), entry.erasure, count
            )
        )
    cutoff = access_log_cutoff(now)
    if dry_run:
        head_count = AccessLogEntry.objects.filter(at__lt=cutoff).count()
    else:
        head_count = prune_access_log(before=cutoff).removed
    lines.append(
        RetentionLine(
            None,
            str(AccessLogEntry._meta.verbose_name_plural),
            _("Slettes efter %(days)s dage.") % {"days": settings.ACCESS_LOG_RETENTION_DAYS},
            "delete",
            head_count,
        )
    )
    return lines


# Research studies ---------------------------------------------------------------------------


@transaction.atomic
def create_study(*, by, data: dict) -> ResearchStudy:
    from .permissions import dpo_organisation_ids

    study = ResearchStudy(created_by=by, **data)
    if study.organisation_id in dpo_organisation_ids(by):
        # The organisation's own DPO approves in the same step.
        study.approved_at, study.approved_by = timezone.now(), by
    study.full_clean()
    study.save()
    return study


@transaction.atomic
def approve_study(*, by, study: ResearchStudy) -> ResearchStudy:
    study = ResearchStudy.objects.select_for_update().get(pk=study.pk)
    if study.is_approved:
        raise ValidationError(_("Forskningsprojektet er allerede godkendt."))
    study.approved_at, study.approved_by = timezone.now(), by
    study.save(update_fields=["approved_at", "approved_by", "updated_at"])
    return study
