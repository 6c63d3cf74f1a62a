"""Organisations, units, staff, pseudonymous citizens, roles and consent per purpose."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "kommune", _("Kommune")
    REGION = "region", _("Region")
    STATE = "stat", _("Stat")
    KNOWLEDGE = "vidensinstitution", _("Vidensinstitution")
    CIVIL_SOCIETY = "civilsamfund", _("Civilsamfund")
    COMPANY = "virksomhed", _("Virksomhed")


class AuthorityArea(models.TextChoices):
    """Myndighedsområde: the area of responsibility a unit belongs to."""

    JOBCENTER = "jobcenter", _("Jobcenter")
    SOCIAL = "social", _("Socialafdeling")
    FAMILY = "family", _("Familieenhed")
    SCHOOL = "school", _("Skole")
    DAYCARE = "daycare", _("Dagtilbud")
    HEALTH_CARE = "health_care", _("Sundhed og omsorg")
    PSYCHIATRY = "psychiatry", _("Psykiatri")
    HOSPITAL = "hospital", _("Hospital")
    GENERAL_PRACTICE = "general_practice", _("Almen praksis")
    ADMINISTRATION = "administration", _("Administration og ledelse")
    OTHER = "other", _("Andet")


class Organisation(TimeStampedModel):
    name = models.CharField(_("navn"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    official_code = models.CharField(
        _("officiel kode"),
        max_length=4,
        blank=True,
        help_text=_("Kommune- eller regionskode, fx 0751 for Aarhus Kommune."),
    )
    region = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind": OrganisationKind.REGION},
        related_name="municipalities",
        verbose_name=_("region"),
        help_text=_("Den region, en kommune ligger i."),
    )
    requires_two_factor = models.BooleanField(
        _("kræver totrinsbekræftelse"),
        default=False,
        help_text=_("Medarbejdere, der ser borgerdata, skal bruge totrinsbekræftelse."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "official_code"],
                condition=~Q(official_code=""),
                name="unique_official_code_per_kind",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        public = {OrganisationKind.MUNICIPALITY, OrganisationKind.REGION}
        if self.official_code and not self.official_code.isdigit():
            raise ValidationError({"official_code": _("Koden skal bestå af cifre.")})
        if self.official_code and self.kind not in public:
            raise ValidationError(
                {"official_code": _("Kun kommuner og regioner har en officiel kode.")}
            )
        if self.region_id and self.kind != OrganisationKind.MUNICIPALITY:
            raise ValidationError({"region": _("Kun en kommune ligger i en region.")})
        if self.region_id and self.region.kind != OrganisationKind.REGION:
            raise ValidationError({"region": _("Vælg en region.")})


class Unit(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="units", verbose_name=_("organisation")
    )
    name = models.CharField(_("navn"), max_length=200)
    authority_area = models.CharField(
        _("myndighedsområde"), max_length=30, choices=AuthorityArea.choices
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("enhed")
        verbose_name_plural = _("enheder")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_unit_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class Role(models.TextChoices):
    ADMIN = "admin", _("Platformadministrator")
    FACILITATOR = "facilitator", _("Facilitator")
    LEADER = "leader", _("Leder")
    PROFESSIONAL = "professional", _("Fagperson")
    SUPERVISOR = "supervisor", _("Supervisor")
    RESEARCHER = "researcher", _("Forsker")
    DATA_PROTECTION_OFFICER = "dpo", _("Databeskyttelsesrådgiver")
    NETWORK_COORDINATOR = "coordinator", _("Netværkskoordinator")
    CITIZEN = "citizen", _("Borger (erfaringsekspert)")


#: Roles whose work needs identifiable citizen data within their organisation.
CITIZEN_DATA_ROLES = frozenset({Role.FACILITATOR, Role.PROFESSIONAL, Role.SUPERVISOR})


class RoleAssignmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class RoleAssignment(TimeStampedModel):
    """A user's role, scoped to an organisation (a platform administrator needs none)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("bruger"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("organisation"),
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("rolletildeling")
        verbose_name_plural = _("rolletildelinger")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="unique_role_per_scope"
            ),
            models.CheckConstraint(
                condition=Q(role="admin") | Q(organisation__isnull=False),
                name="role_needs_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.organisation or '-'})"


class StaffMember(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_member",
        verbose_name=_("bruger"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("enhed"),
    )
    job_title = models.CharField(_("stilling"), max_length=200, blank=True)

    class Meta:
        ordering = ["user__first_name", "user__last_name"]
        verbose_name = _("medarbejder")
        verbose_name_plural = _("medarbejdere")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    def clean(self):
        if self.unit_id and self.unit.organisation_id != self.organisation_id:
            raise ValidationError({"unit": _("Enheden hører til en anden organisation.")})


CPR_PATTERN = re.compile(r"\b[0-3]\d[01]\d\d{2}[-\s]?\d{4}\b")


def reject_cpr_number(value: str):
    """Citizens are pseudonymous by design: a CPR number must never be stored."""
    if value and CPR_PATTERN.search(value):
        raise ValidationError(
            _("Feltet ligner et CPR-nummer. Samskab gemmer aldrig CPR-numre – skriv initialer.")
        )


class CitizenQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Citizens a user may see: their own record, or need-to-know in their organisation."""
        from .permissions import citizen_data_organisation_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(user=user) | Q(organisation_id__in=citizen_data_organisation_ids(user))
        ).distinct()


class Citizen(TimeStampedModel):
    """A pseudonymous citizen: display name or initials, never a CPR number."""

    display_name = models.CharField(
        _("visningsnavn eller initialer"), max_length=100, validators=[reject_cpr_number]
    )
    birth_year = models.PositiveSmallIntegerField(
        _("fødselsår"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("telefon"), max_length=20, blank=True, validators=[reject_cpr_number]
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="citizens",
        verbose_name=_("ansvarlig organisation"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citizen",
        verbose_name=_("brugerkonto"),
    )
    # Set by the data-protection officer (GDPR art. 18): the data is stored, nothing new is
    # processed. `has_consent` answers no for every purpose while it is set.
    processing_restricted_at = models.DateTimeField(
        _("behandling begrænset"), null=True, blank=True
    )
    erased_at = models.DateTimeField(_("slettet"), null=True, blank=True)

    objects = CitizenQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")

    def __str__(self):
        return self.display_name

    def clean(self):
        this_year = timezone.localdate().year
        if self.birth_year and self.birth_year > this_year:
            raise ValidationError({"birth_year": _("Fødselsåret kan ikke ligge i fremtiden.")})

    def get_absolute_url(self):
        return reverse("people:citizen-detail", args=[self.pk])

    @property
    def is_processing_restricted(self) -> bool:
        return self.processing_restricted_at is not None or self.erased_at is not None

    def has_consent(self, purpose: str) -> bool:
        """Consent given and not withdrawn, and processing not restricted or erased."""
        if self.is_processing_restricted:
            return False
        return self.consents.active().filter(purpose=purpose).exists()


class ConsentPurpose(models.TextChoices):
    REGISTRATION = "registration", _("Registrering i Samskab")
    PARTNERSHIP = "partnership", _("Deltagelse i ligeværdigt partnerskab")
    PATHWAY = "pathway", _("Sammenhængende borgerforløb")
    CONTACT = "contact", _("Kontakt via e-mail og telefon")
    RESEARCH = "research", _("Pseudonymiseret forskning og evaluering")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Samtykke (GDPR art. 6, stk. 1, a, og art. 9, stk. 2, a)")
    PUBLIC_TASK = "public_task", _("Offentlig myndighedsudøvelse (art. 6, stk. 1, e)")
    RESEARCH = "research", _("Forskning og statistik (databeskyttelseslovens § 10)")


class ConsentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class Consent(TimeStampedModel):
    """A citizen's consent for one purpose: given and, perhaps later, withdrawn."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="consents", verbose_name=_("borger")
    )
    purpose = models.CharField(_("formål"), max_length=20, choices=ConsentPurpose.choices)
    legal_basis = models.CharField(
        _("retsgrundlag"), max_length=20, choices=LegalBasis.choices, default=LegalBasis.CONSENT
    )
    given_at = models.DateTimeField(_("givet"), default=timezone.now)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    withdrawn_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trukket tilbage af"),
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_purpose",
            )
        ]

    def __str__(self):
        return f"{self.citizen} – {self.get_purpose_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
