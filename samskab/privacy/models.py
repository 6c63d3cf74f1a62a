"""Citizens' data-protection requests with their deadlines, and research studies."""

import calendar
import datetime
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel
from samskab.people.models import Citizen, Organisation


def one_month_after(day: datetime.date) -> datetime.date:
    """GDPR art. 12(3): one calendar month; 31 January gives the last day of February."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Indsigt (art. 15)")
    RECTIFICATION = "rectification", _("Berigtigelse (art. 16)")
    ERASURE = "erasure", _("Sletning (art. 17)")
    RESTRICTION = "restriction", _("Begrænsning af behandling (art. 18)")
    OBJECTION = "objection", _("Indsigelse (art. 21)")


class RequestOutcome(models.TextChoices):
    GRANTED = "granted", _("Imødekommet")
    PARTLY = "partly", _("Delvist imødekommet")
    REFUSED = "refused", _("Afslået")


class DataSubjectRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .permissions import dpo_organisation_ids

        return self.filter(citizen__organisation_id__in=dpo_organisation_ids(user))

    def open(self):
        return self.filter(answered_on__isnull=True)

    def overdue(self, today=None):
        return self.open().filter(deadline_on__lt=today or timezone.localdate())


class DataSubjectRequest(TimeStampedModel):
    """A citizen's request under the GDPR, registered with its one-month deadline."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="data_requests", verbose_name=_("borger")
    )
    kind = models.CharField(_("anmodning om"), max_length=20, choices=RequestKind.choices)
    received_on = models.DateField(_("modtaget"), default=timezone.localdate)
    deadline_on = models.DateField(_("frist"))
    description = models.TextField(_("hvad beder borgeren om?"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    answered_on = models.DateField(_("besvaret"), null=True, blank=True)
    outcome = models.CharField(
        _("afgørelse"), max_length=10, choices=RequestOutcome.choices, blank=True
    )
    answer_note = models.TextField(_("svar og begrundelse"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besvaret af"),
    )

    objects = DataSubjectRequestQuerySet.as_manager()

    class Meta:
        ordering = ["deadline_on", "pk"]
        verbose_name = _("anmodning fra borger")
        verbose_name_plural = _("anmodninger fra borgere")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.received_on:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("privacy:request-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.answered_on is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline_on < timezone.localdate()


def new_study_key() -> str:
    return secrets.token_hex(32)


class ResearchStudyQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .permissions import dpo_organisation_ids

        return self.filter(
            models.Q(created_by=user) | models.Q(organisation_id__in=dpo_organisation_ids(user))
        )


class ResearchStudy(TimeStampedModel):
    """A study that gets pseudonymised, suppressed data; kept apart from casework.

    The key never leaves the database: pseudonyms are HMAC-SHA256 of the citizen's id under
    it, stable within the study, different between studies, not reversible without it.
    """

    title = models.CharField(_("titel"), max_length=200)
    purpose = models.TextField(_("formål og forskningsspørgsmål"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="research_studies",
        verbose_name=_("dataansvarlig organisation"),
        help_text=_("Organisationen, hvis borgeres data indgår."),
    )
    include_free_text = models.BooleanField(
        _("medtag fritekst"),
        default=False,
        help_text=_(
            "Borgernes kommentarer medtages – navne, e-mails, telefon- og CPR-numre fjernes."
        ),
    )
    # What the approval covers decides the one kind of file the study gets (see research.py).
    has_record_level_approval = models.BooleanField(
        _("godkendelsen omfatter data på individniveau"),
        default=False,
        help_text=_(
            "Sæt kun kryds, hvis projektets godkendelse dækker pseudonymiserede data om den "
            "enkelte borger. Så får projektet den fil og ikke aggregater. Uden kryds får "
            "projektet kun aggregater."
        ),
    )
    secret_key = models.CharField(max_length=64, default=new_study_key, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkendt af"),
    )

    objects = ResearchStudyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("forskningsprojekt")
        verbose_name_plural = _("forskningsprojekter")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("privacy:study-detail", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None
