"""Challenges, missions, five-phase projects with gate decisions, business cases, theories of
change, the five principles, involvement, freed resources, adoption and lessons.

Nothing here is a citizen's personal data: involvement notes are anonymous by design.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.core.models import Perspective, TimeStampedModel
from samskab.people.models import Organisation


class Phase(models.TextChoices):
    KICKOFF = "kickoff", _("Opstart")
    IDEATION = "ideation", _("Idéudvikling")
    PROTOTYPING = "prototyping", _("Prototypeudvikling")
    MATURATION = "maturation", _("Modning og projektrealisering")
    SCALING = "scaling", _("Skalering")


#: The five phases in order; the gate state machine (gates.py) moves along this list.
PHASES = list(Phase)


def phase_index(phase: str) -> int:
    return PHASES.index(Phase(phase))


class Payer(models.TextChoices):
    MUNICIPALITY = "kommune", _("Kommune")
    REGION = "region", _("Region")
    STATE = "stat", _("Stat")
    OTHER = "oevrige", _("Øvrige (borger, civilsamfund m.fl.)")


class Challenge(TimeStampedModel):
    """A cross-cutting welfare challenge (velfærdsudfordring) no single actor can solve."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("velfærdsudfordring")
        verbose_name_plural = _("velfærdsudfordringer")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("innovation:challenge-detail", args=[self.pk])


class Mission(TimeStampedModel):
    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.PROTECT,
        related_name="missions",
        verbose_name=_("velfærdsudfordring"),
    )
    name = models.CharField(_("navn"), max_length=300, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_missions",
        verbose_name=_("ansvarlig organisation"),
        help_text=_("Organisationens ledere tager stilling til anmodninger om at deltage."),
    )

    class Meta:
        ordering = ["challenge__name", "name"]
        verbose_name = _("mission")
        verbose_name_plural = _("missioner")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("innovation:mission-detail", args=[self.pk])


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Anmodet")
    ACCEPTED = "accepted", _("Deltager")
    DECLINED = "declined", _("Afvist")


class MissionMembershipQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=MembershipStatus.ACCEPTED)

    def pending(self):
        return self.filter(status=MembershipStatus.REQUESTED)


class MissionMembership(TimeStampedModel):
    """An organisation joining a mission: it asks, the mission's owner accepts or declines."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("mission")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mission_memberships",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.REQUESTED,
    )
    motivation = models.TextField(_("hvad vil I bidrage med?"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("anmodet af"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besluttet af"),
    )
    decided_at = models.DateTimeField(_("besluttet"), null=True, blank=True)

    objects = MissionMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["mission", "organisation__name"]
        verbose_name = _("deltagelse i mission")
        verbose_name_plural = _("deltagelser i missioner")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "organisation"], name="unique_mission_membership"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.mission} ({self.get_status_display()})"


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("I gang")
    ON_HOLD = "on_hold", _("Sat på pause")
    STOPPED = "stopped", _("Stoppet")


class ProjectQuerySet(models.QuerySet):
    def with_partner(self, organisation_ids):
        # A subquery, not a join with DISTINCT: it combines with windows and aggregates.
        return self.filter(
            pk__in=ProjectPartner.objects.filter(organisation_id__in=list(organisation_ids)).values(
                "project_id"
            )
        )

    def cell_counts(self) -> dict:
        """(mission id, phase) -> number of projects: the portfolio board's cells."""
        rows = self.order_by().values("mission_id", "phase").annotate(n=Count("pk"))
        return {(row["mission_id"], row["phase"]): row["n"] for row in rows}

    def first_per_cell(self, per_cell: int):
        """At most `per_cell` projects per (mission, phase) in title order, so a board shows
        a bounded number of cards however large the portfolio is."""
        return self.annotate(
            cell_rank=Window(
                RowNumber(), partition_by=[F("mission_id"), F("phase")], order_by=F("title").asc()
            )
        ).filter(cell_rank__lte=per_cell)

    def waiting_for_gate(self):
        return self.filter(gate_requested_on__isnull=False).exclude(status=ProjectStatus.STOPPED)


class Project(TimeStampedModel):
    """A collaboration project serving a mission, moving through the five phases."""

    title = models.CharField(_("titel"), max_length=200, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    mission = models.ForeignKey(
        Mission,
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
        verbose_name=_("mission"),
    )
    phase = models.CharField(
        _("fase"), max_length=20, choices=Phase.choices, default=Phase.KICKOFF, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProjectStatus.choices,
        default=ProjectStatus.ACTIVE,
        editable=False,
    )
    gate_requested_on = models.DateField(
        _("gatebeslutning ønsket"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("projekt")
        verbose_name_plural = _("projekter")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("innovation:project-detail", args=[self.pk])

    @property
    def phase_number(self) -> int:
        return phase_index(self.phase) + 1

    @property
    def is_waiting_for_gate(self) -> bool:
        return self.gate_requested_on is not None and self.status != ProjectStatus.STOPPED


class PartnerRole(models.TextChoices):
    OWNER = "owner", _("Projektejer")
    PARTNER = "partner", _("Samarbejdspartner")
    KNOWLEDGE = "knowledge", _("Vidensinstitution / følgeforskning")
    FUNDER = "funder", _("Medfinansierer")


class ProjectPartner(TimeStampedModel):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("projekt")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="innovation_projects",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("rolle"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )

    class Meta:
        ordering = ["project", "role", "organisation__name"]
        verbose_name = _("projektpartner")
        verbose_name_plural = _("projektpartnere")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="unique_partner")
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class GateOutcome(models.TextChoices):
    GO = "go", _("Videre til næste fase")
    HOLD = "hold", _("Sæt på pause")
    STOP = "stop", _("Stop projektet")
    BACK = "back", _("Tilbage til en tidligere fase")


class GateCriterion(models.TextChoices):
    """The gate checklist the steering group goes through at every gate."""

    CITIZEN_VALUE = "citizen_value", _("Værdien for borgeren er beskrevet og efterprøvet")
    INVOLVEMENT = "involvement", _("Borgere og frontlinjemedarbejdere er inddraget i fasen")
    BUSINESS_CASE = "business_case", _("Business casen er opdateret")
    RESOURCES = "resources", _("Ressourcer og beslutningskompetence til næste fase er afklaret")
    LEARNING = "learning", _("Læringen er delt i netværket")


class GateDecision(TimeStampedModel):
    """A recorded decision at a phase gate; created only through gates.py / actions."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="gate_decisions", verbose_name=_("projekt")
    )
    decided_on = models.DateField(_("dato"))
    outcome = models.CharField(_("beslutning"), max_length=10, choices=GateOutcome.choices)
    from_phase = models.CharField(_("fra fase"), max_length=20, choices=Phase.choices)
    to_phase = models.CharField(_("til fase"), max_length=20, choices=Phase.choices)
    decision_makers = models.CharField(_("beslutningstagere"), max_length=500)
    criteria_met = models.JSONField(_("opfyldte kriterier"), default=list, blank=True)
    notes = models.TextField(_("noter"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("gatebeslutning")
        verbose_name_plural = _("gatebeslutninger")

    def __str__(self):
        return f"{self.project}: {self.get_outcome_display()} ({self.decided_on})"

    def criteria_checklist(self):
        """[(label, met)] for every criterion, in the checklist's order."""
        met = set(self.criteria_met)
        return [(c.label, c.value in met) for c in GateCriterion]


class PhaseEntry(models.Model):
    """The phase history: one row per time a project entered a phase."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="phase_entries", verbose_name=_("projekt")
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    entered_on = models.DateField(_("startet"))
    gate_decision = models.ForeignKey(
        GateDecision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gatebeslutning"),
    )

    class Meta:
        ordering = ["project", "entered_on", "pk"]
        verbose_name = _("fase i historikken")
        verbose_name_plural = _("fasehistorik")

    def __str__(self):
        return f"{self.project}: {self.get_phase_display()} fra {self.entered_on}"


class BusinessCase(TimeStampedModel):
    """Costs and gains per year and payer, discounted (inspired by SØM)."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="business_case", verbose_name=_("projekt")
    )
    discount_rate = models.DecimalField(
        _("diskonteringsrente (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("3.50"),
        validators=[MinValueValidator(0), MaxValueValidator(20)],
        help_text=_("Finansministeriets samfundsøkonomiske rente er 3,5 % for år 0–35."),
    )
    long_term_rate = models.DecimalField(
        _("diskonteringsrente efter år 35 (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2.50"),
        validators=[MinValueValidator(0), MaxValueValidator(20)],
        help_text=_("Finansministeriets rente efter 35 år er 2,5 %."),
    )
    notes = models.TextField(_("forudsætninger"), blank=True)

    class Meta:
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")

    def __str__(self):
        return f"{_('Business case')}: {self.project}"

    def get_absolute_url(self):
        return reverse("innovation:businesscase-detail", args=[self.project_id])


class LineKind(models.TextChoices):
    COST = "cost", _("Omkostning")
    GAIN = "gain", _("Gevinst")


class BusinessCaseLine(TimeStampedModel):
    """One cost or gain: quantity × unit price in a year, for one payer."""

    business_case = models.ForeignKey(
        BusinessCase,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("business case"),
    )
    kind = models.CharField(_("type"), max_length=10, choices=LineKind.choices)
    payer = models.CharField(_("betaler"), max_length=10, choices=Payer.choices)
    year = models.PositiveSmallIntegerField(
        _("år"),
        validators=[MaxValueValidator(50)],
        help_text=_("0 er det første år; senere år tilbagediskonteres."),
    )
    description = models.CharField(_("beskrivelse"), max_length=200)
    quantity = models.DecimalField(
        _("antal"),
        max_digits=12,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("Fx færre støttetimer eller indlæggelser."),
    )
    unit_price = models.DecimalField(
        _("enhedspris (kr.)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["year", "kind", "payer", "pk"]
        verbose_name = _("linje i business case")
        verbose_name_plural = _("linjer i business case")

    def __str__(self):
        return f"{self.description} ({self.year})"

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.unit_price


class ChangeLevel(models.TextChoices):
    INPUT = "input", _("Input")
    ACTIVITY = "activity", _("Aktiviteter")
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Resultater")
    IMPACT = "impact", _("Samfundsmæssig effekt")


class ChangeStep(TimeStampedModel):
    """One box in a project's theory of change (forandringsteori)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="change_steps", verbose_name=_("projekt")
    )
    level = models.CharField(_("niveau"), max_length=10, choices=ChangeLevel.choices)
    text = models.CharField(_("tekst"), max_length=300)

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("trin i forandringsteori")
        verbose_name_plural = _("trin i forandringsteori")

    def __str__(self):
        return self.text


class Indicator(TimeStampedModel):
    step = models.ForeignKey(
        ChangeStep, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("trin")
    )
    name = models.CharField(_("indikator"), max_length=200)
    measure = models.ForeignKey(
        "outcomes.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="innovation_indicators",
        verbose_name=_("effektmål"),
    )
    target = models.CharField(_("mål"), max_length=200, blank=True)

    class Meta:
        ordering = ["step", "pk"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")

    def __str__(self):
        return self.name


class Principle(models.TextChoices):
    MISSIONS = "missions", _("Samfundsmæssige udfordringer og missioner")
    VALUE = "value", _("Værdiskabelse for borgeren og samfundsmæssig impact")
    INVOLVEMENT = "involvement", _("Inddragelse af borgere og frontlinjemedarbejdere")
    LEARNING = (
        "learning",
        _("Et læringsfællesskab på tværs af sektorer, professioner og discipliner"),
    )
    GOVERNANCE = "governance", _("Fleksibel styring med beslutningskompetence")


class PrincipleLevel(models.IntegerChoices):
    NOT_YET = 0, _("Ikke endnu")
    PARTLY = 1, _("Delvist")
    FULLY = 2, _("I høj grad")


class PrincipleCheck(TimeStampedModel):
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="principle_checks",
        verbose_name=_("projekt"),
    )
    principle = models.CharField(_("princip"), max_length=20, choices=Principle.choices)
    level = models.PositiveSmallIntegerField(
        _("vurdering"), choices=PrincipleLevel.choices, default=PrincipleLevel.NOT_YET
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("egenvurdering af princip")
        verbose_name_plural = _("egenvurderinger af principper")
        constraints = [
            models.UniqueConstraint(fields=["project", "principle"], name="unique_principle_check")
        ]

    def __str__(self):
        return f"{self.project}: {self.get_principle_display()}"


class Participants(models.TextChoices):
    CITIZENS = "citizens", _("Borgere")
    FRONTLINE = "frontline", _("Frontlinjemedarbejdere")
    BOTH = "both", _("Borgere og frontlinjemedarbejdere")


class Involvement(TimeStampedModel):
    """How citizens and frontline staff took part in a phase; anonymous, no citizen records."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="involvements", verbose_name=_("projekt")
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    held_on = models.DateField(_("dato"))
    activity = models.CharField(_("aktivitet"), max_length=200)
    participants = models.CharField(_("deltagere"), max_length=10, choices=Participants.choices)
    what_changed = models.TextField(
        _("hvad ændrede det?"), help_text=_("Skriv ikke navne eller andre personoplysninger.")
    )

    class Meta:
        ordering = ["project", "held_on", "pk"]
        verbose_name = _("inddragelse")
        verbose_name_plural = _("inddragelser")

    def __str__(self):
        return self.activity

    @property
    def includes_citizens(self) -> bool:
        return self.participants in (Participants.CITIZENS, Participants.BOTH)


class FreedResource(TimeStampedModel):
    """Co-creation is not a savings exercise: what was freed, and what it went back into."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="freed_resources", verbose_name=_("projekt")
    )
    description = models.CharField(_("hvad blev frigjort?"), max_length=200)
    hours = models.DecimalField(
        _("timer"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    amount = models.DecimalField(
        _("beløb (kr.)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    reinvested_in = models.TextField(_("geninvesteret i"))

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("frigjort ressource")
        verbose_name_plural = _("frigjorte ressourcer")

    def __str__(self):
        return self.description


class AdoptionStatus(models.TextChoices):
    INTERESTED = "interested", _("Interesseret")
    TESTING = "testing", _("Afprøver")
    OPERATION = "operation", _("I drift")


class Adoption(TimeStampedModel):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("projekt")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="innovation_adoptions",
        verbose_name=_("organisation"),
    )
    status = models.CharField(_("status"), max_length=12, choices=AdoptionStatus.choices)
    since_on = models.DateField(_("siden"))

    class Meta:
        ordering = ["project", "organisation__name"]
        verbose_name = _("udbredelse")
        verbose_name_plural = _("udbredelser")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="unique_adoption")
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_status_display()}"


class LessonVisibility(models.TextChoices):
    ORGANISATION = "organisation", _("Kun min organisation")
    NETWORK = "network", _("Hele netværket (kræver login)")
    PUBLIC = "public", _("Offentlig – også uden login og i feedet")


class LessonQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=LessonVisibility.PUBLIC)

    def visible_to(self, user):
        """Public lessons for everyone; network lessons for staff; the rest in the author's
        organisation only."""
        from samskab.people.permissions import is_staff_member

        from .permissions import staff_organisation_ids

        if not user.is_authenticated or not is_staff_member(user):
            return self.public()
        return self.filter(
            Q(visibility__in=[LessonVisibility.NETWORK, LessonVisibility.PUBLIC])
            | Q(organisation_id__in=staff_organisation_ids(user))
        )

    def search(self, text: str):
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text) | Q(text__icontains=text) | Q(tags__icontains=text)
        )


class Lesson(TimeStampedModel):
    """A lesson shared openly in the learning community; never personal data."""

    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("læring"))
    tags = models.CharField(
        _("emneord"), max_length=200, blank=True, help_text=_("Adskil med komma.")
    )
    perspective = models.CharField(_("perspektiv"), max_length=10, choices=Perspective.choices)
    visibility = models.CharField(
        _("hvem kan læse den?"),
        max_length=12,
        choices=LessonVisibility.choices,
        default=LessonVisibility.NETWORK,
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("projekt"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="lessons",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forfatter"),
    )

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("læring")
        verbose_name_plural = _("læringer")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("innovation:lesson-public-detail", args=[self.pk])

    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class StakeholderRole(models.TextChoices):
    LEADS = "leads", _("Driver")
    CONTRIBUTES = "contributes", _("Bidrager")
    CONSULTED = "consulted", _("Høres")
    INFORMED = "informed", _("Orienteres")


class Stakeholder(TimeStampedModel):
    """An organisation, group or person along a mission's or project's innovation chain, with
    its role in each of the five phases (phase -> role; a phase left out means no role)."""

    mission = models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stakeholders",
        verbose_name=_("mission"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stakeholders",
        verbose_name=_("projekt"),
    )
    name = models.CharField(
        _("interessent"),
        max_length=200,
        help_text=_("Fx en organisation, en faggruppe eller et borgerpanel. Ikke borgeres navne."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    phase_roles = models.JSONField(_("roller i faserne"), default=dict, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("interessent")
        verbose_name_plural = _("interessenter")
        constraints = [
            models.CheckConstraint(
                condition=(Q(mission__isnull=False) & Q(project__isnull=True))
                | (Q(mission__isnull=True) & Q(project__isnull=False)),
                name="stakeholder_mission_xor_project",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        roles = self.phase_roles or {}
        if any(p not in Phase.values or r not in StakeholderRole.values for p, r in roles.items()):
            raise ValidationError(_("Vælg en af rollerne for hver fase, eller lad fasen stå tom."))

    def role_in(self, phase) -> str:
        role = (self.phase_roles or {}).get(str(phase))
        return StakeholderRole(role).label if role else ""


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    MANAGED = "managed", _("Under kontrol")
    CLOSED = "closed", _("Lukket")


def _one_to_five(label):
    return models.PositiveSmallIntegerField(
        label,
        choices=[(n, str(n)) for n in range(1, 6)],
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class RiskQuerySet(models.QuerySet):
    def unclosed(self):
        return self.exclude(status=RiskStatus.CLOSED)


class Risk(TimeStampedModel):
    """One entry in a project's risk register, reviewed at every gate."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="risks", verbose_name=_("projekt")
    )
    description = models.TextField(_("risiko"))
    likelihood = _one_to_five(_("sandsynlighed (1–5)"))
    impact = _one_to_five(_("konsekvens (1–5)"))
    owner = models.CharField(_("risikoejer"), max_length=200)
    response = models.TextField(_("håndtering"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("risiko")
        verbose_name_plural = _("risici")

    def __str__(self):
        return self.description[:60]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        """Low (1–4), medium (5–12) or high (15–25) on the 5×5 matrix."""
        if self.score >= 15:
            return "high"
        return "medium" if self.score >= 5 else "low"


class RiskReview(models.Model):
    """That a risk was gone through at a gate decision, as it stood then."""

    gate_decision = models.ForeignKey(
        GateDecision,
        on_delete=models.CASCADE,
        related_name="risk_reviews",
        verbose_name=_("gatebeslutning"),
    )
    risk = models.ForeignKey(
        Risk, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("risiko")
    )
    likelihood = models.PositiveSmallIntegerField(_("sandsynlighed"))
    impact = models.PositiveSmallIntegerField(_("konsekvens"))
    status = models.CharField(_("status"), max_length=10, choices=RiskStatus.choices)

    class Meta:
        ordering = ["gate_decision", "risk"]
        verbose_name = _("risikogennemgang")
        verbose_name_plural = _("risikogennemgange")

    def __str__(self):
        return f"{self.gate_decision}: {self.risk}"
