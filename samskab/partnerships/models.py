"""Rounds, candidates, match constraints and runs, partnerships and everything that happens in one.

The partnership's lifecycle (which state may follow which) lives in `lifecycle.py` only.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.models import Perspective, TimeStampedModel
from samskab.people.models import Citizen, Organisation, Role

WEEKDAYS = [
    ("mon", _("Mandag")),
    ("tue", _("Tirsdag")),
    ("wed", _("Onsdag")),
    ("thu", _("Torsdag")),
    ("fri", _("Fredag")),
    ("sat", _("Lørdag")),
    ("sun", _("Søndag")),
]
DAY_PARTS = [("am", _("formiddag")), ("pm", _("eftermiddag")), ("eve", _("aften"))]
#: Availability slots as (code, label), e.g. ("mon_am", "Mandag formiddag").
AVAILABILITY_SLOTS = [
    (f"{day}_{part}", f"{day_label} {part_label}")
    for day, day_label in WEEKDAYS
    for part, part_label in DAY_PARTS
]
SLOT_LABELS = dict(AVAILABILITY_SLOTS)


def _facilitator_org_ids(user):
    from samskab.people.permissions import organisation_ids_with_role

    return organisation_ids_with_role(user, {Role.FACILITATOR})


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rounds a facilitator runs: those of the organisations where they facilitate."""
        return self.filter(organisation_id__in=_facilitator_org_ids(user))

    def open_for_registration(self):
        return self.filter(is_open_for_registration=True, ends_on__gte=timezone.localdate())


class Round(TimeStampedModel):
    """Forløbsrunde: a cohort of partnerships run together by a facilitating organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnership_rounds",
        verbose_name=_("faciliterende organisation"),
    )
    theme = models.CharField(
        _("tema"),
        max_length=200,
        help_text=_("Fx «psykisk sårbare unge voksne i Aarhus» eller «unge med type 1-diabetes»."),
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    starts_on = models.DateField(_("periodens start"))
    ends_on = models.DateField(_("periodens slut"))
    honorarium_rate = models.DecimalField(
        _("honorar pr. time (kr.)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    expected_meetings_min = models.PositiveSmallIntegerField(
        _("forventet antal møder, mindst"), default=2
    )
    expected_meetings_max = models.PositiveSmallIntegerField(
        _("forventet antal møder, højst"), default=3
    )
    is_open_for_registration = models.BooleanField(_("åben for tilmelding"), default=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_rounds",
        verbose_name=_("facilitatorer"),
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "theme"]
        verbose_name = _("forløbsrunde")
        verbose_name_plural = _("forløbsrunder")

    def __str__(self):
        return self.theme

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Periodens slut skal ligge efter starten. Ret datoerne.")
        if self.expected_meetings_max < self.expected_meetings_min:
            errors["expected_meetings_max"] = _(
                "Det højeste antal møder skal være mindst lige så stort som det laveste."
            )
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("partnerships:round-detail", args=[self.pk])


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("Afventer godkendelse")
    APPROVED = "approved", _("Godkendt")
    REJECTED = "rejected", _("Ikke godkendt")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")


class Candidate(TimeStampedModel):
    """What experts and leaders share: the profile used for matching and the approval."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("runde")
    )
    themes = models.JSONField(_("temaer"), default=list, blank=True)
    interests = models.JSONField(_("interesser"), default=list, blank=True)
    availability = models.JSONField(_("tilgængelighed"), default=list, blank=True)
    accessibility_needs = models.TextField(
        _("behov ved møder"),
        blank=True,
        help_text=_("Fx niveaufri adgang, et stille rum eller tolk. Din partner kan se det."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.PENDING
    )
    is_available = models.BooleanField(_("kan matches nu"), default=True)

    class Meta:
        abstract = True

    def clean(self):
        unknown = set(self.availability) - set(SLOT_LABELS)
        if unknown:
            raise ValidationError({"availability": _("Vælg tidspunkter fra listen.")})

    def availability_labels(self):
        return [SLOT_LABELS[slot] for slot in self.availability if slot in SLOT_LABELS]


class CandidateQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CandidateStatus.APPROVED)

    def unmatched(self):
        """Approved candidates without a partnership that is still going (or done)."""
        return self.approved().exclude(partnerships__state__in=Partnership.OCCUPYING_STATES)


class ExperienceExpert(Candidate):
    """Erfaringsekspert: a (pseudonymous) citizen who registered for a round."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="expert_registrations"
    )
    has_timing = models.BooleanField(
        _("Jeg er ude af stormen og har overskud til et partnerskab lige nu"), default=False
    )
    has_desire = models.BooleanField(
        _("Jeg har lyst til at bruge mine erfaringer til noget, der er større end mig selv"),
        default=False,
    )
    understands_not_treatment = models.BooleanField(
        _("Jeg ved, at partnerskabet ikke er en del af min behandling"), default=False
    )
    motivation = models.TextField(_("hvorfor vil du være med?"), blank=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["citizen__display_name"]
        verbose_name = _("erfaringsekspert")
        verbose_name_plural = _("erfaringseksperter")
        constraints = [
            models.UniqueConstraint(fields=["round", "citizen"], name="one_expert_per_round")
        ]

    def __str__(self):
        return self.citizen.display_name

    def clean(self):
        super().clean()
        missing = {
            field: _("Du skal kunne sige ja til dette for at være med.")
            for field in ("has_timing", "has_desire", "understands_not_treatment")
            if not getattr(self, field)
        }
        if missing:
            raise ValidationError(missing)


class Leader(Candidate):
    """Strategisk leder: a staff member who registered for a round."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leader_registrations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    job_title = models.CharField(_("stilling"), max_length=200, blank=True)
    has_will = models.BooleanField(
        _("Vilje: jeg vil partnerskabet og ved, at det ikke er en mentorordning"), default=False
    )
    has_belief = models.BooleanField(
        _("Tro: jeg tror på, at et partnerskab kan forbedre vores systemer"), default=False
    )
    has_care = models.BooleanField(
        _("Personlighed: jeg møder erfaringseksperten med omsorg og respekt"), default=False
    )
    has_understanding = models.BooleanField(
        _("Forståelse: jeg er nysgerrig på kompleksiteten i det levede liv"), default=False
    )
    has_time = models.BooleanField(
        _("Tid: jeg afsætter tid til møderne og til at reflektere"), default=False
    )

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["user__first_name", "user__last_name"]
        verbose_name = _("strategisk leder")
        verbose_name_plural = _("strategiske ledere")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_leader_per_round")
        ]

    READINESS_FIELDS = ("has_will", "has_belief", "has_care", "has_understanding", "has_time")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    def clean(self):
        super().clean()
        missing = {
            field: _("Du skal kunne sige ja til dette for at være med.")
            for field in self.READINESS_FIELDS
            if not getattr(self, field)
        }
        if missing:
            raise ValidationError(missing)


class ConstraintKind(models.TextChoices):
    LOCK = "lock", _("Låst par")
    DO_NOT_MATCH = "do_not_match", _("Må ikke matches")
    CONFLICT = "conflict", _("Inhabilitet (lederen har ansvar for borgerens forløb)")


class MatchConstraint(TimeStampedModel):
    """A facilitator's rule for one expert–leader pair: lock it, or never propose it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="constraints")
    expert = models.ForeignKey(ExperienceExpert, on_delete=models.CASCADE, related_name="+")
    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("type"), max_length=20, choices=ConstraintKind.choices)
    reason = models.CharField(_("begrundelse"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("matchregel")
        verbose_name_plural = _("matchregler")
        constraints = [
            models.UniqueConstraint(fields=["expert", "leader"], name="one_constraint_per_pair")
        ]

    def __str__(self):
        return f"{self.expert} – {self.leader}: {self.get_kind_display()}"

    def clean(self):
        if self.expert.round_id != self.round_id or self.leader.round_id != self.round_id:
            raise ValidationError(_("Begge personer skal være tilmeldt runden."))
        if self.kind == ConstraintKind.CONFLICT and not self.reason:
            raise ValidationError({"reason": _("Skriv kort, hvorfor lederen er inhabil.")})


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Beregner")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")
    CONFIRMED = "confirmed", _("Bekræftet")


class MatchingRun(TimeStampedModel):
    """One solve of the round's matching; large solves run as a background task."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="matching_runs")
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    expert_count = models.PositiveIntegerField(default=0)
    leader_count = models.PositiveIntegerField(default=0)
    #: [{"expert": id, "leader": id, "score": float, "reasons": [str], "locked": bool}]
    pairs = models.JSONField(default=list, blank=True)
    total_score = models.FloatField(default=0)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("matchberegning")
        verbose_name_plural = _("matchberegninger")

    def __str__(self):
        return f"{self.round} #{self.pk} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in (RunStatus.DONE, RunStatus.FAILED, RunStatus.CONFIRMED)


class PartnershipState(models.TextChoices):
    PROPOSED = "proposed", _("Foreslået")
    KICKOFF = "kickoff", _("Opstart")
    MEETINGS = "meetings", _("Møder")
    WRAPUP = "wrapup", _("Afrunding")
    COMPLETED = "completed", _("Afsluttet")
    PAUSED = "paused", _("Sat på pause")
    ENDED_EARLY = "ended_early", _("Afbrudt")
    DECLINED = "declined", _("Takket nej")


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A party sees their own partnerships; a facilitator those of their rounds."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            self._as_party(user) | Q(round__organisation_id__in=_facilitator_org_ids(user))
        )

    def of_party(self, user):
        return self.filter(self._as_party(user))

    @staticmethod
    def _as_party(user):
        # Subqueries on the user's own candidate rows, not joins: an OR across joined tables
        # made PostgreSQL scan every citizen (18 ms at national scale, now under 1 ms).
        return Q(leader_id__in=Leader.objects.filter(user=user).values("pk")) | Q(
            expert_id__in=ExperienceExpert.objects.filter(citizen__user=user).values("pk")
        )

    def active(self):
        return self.filter(state__in=Partnership.ACTIVE_STATES)


class Partnership(TimeStampedModel):
    """Ligeværdigt partnerskab: one experience expert and one strategic leader."""

    ACTIVE_STATES = (
        PartnershipState.PROPOSED,
        PartnershipState.KICKOFF,
        PartnershipState.MEETINGS,
        PartnershipState.WRAPUP,
        PartnershipState.PAUSED,
    )
    #: States in which the two people are taken, so matching leaves them out.
    OCCUPYING_STATES = (*ACTIVE_STATES, PartnershipState.COMPLETED)

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="partnerships")
    expert = models.ForeignKey(
        ExperienceExpert, on_delete=models.PROTECT, related_name="partnerships"
    )
    leader = models.ForeignKey(Leader, on_delete=models.PROTECT, related_name="partnerships")
    state = models.CharField(
        _("fase"),
        max_length=20,
        choices=PartnershipState.choices,
        default=PartnershipState.PROPOSED,
    )
    state_before_pause = models.CharField(
        max_length=20, choices=PartnershipState.choices, blank=True
    )
    match_reasons = models.JSONField(_("hvorfor I blev matchet"), default=list, blank=True)
    agreement = models.TextField(
        _("det aftaler vi at lave sammen"),
        blank=True,
        help_text=_("Fx følges på arbejde, gåture, et besøg på museum."),
    )
    shared_task = models.TextField(
        _("det fælles tredje"),
        blank=True,
        help_text=_("Den fælles opgave, I vil arbejde med – ikke en mentorordning."),
    )
    kickoff_on = models.DateField(_("opstartsmøde"), null=True, blank=True)
    state_reason = models.TextField(_("begrundelse"), blank=True)
    state_changed_at = models.DateTimeField(_("fase ændret"), default=timezone.now)
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("ligeværdigt partnerskab")
        verbose_name_plural = _("ligeværdige partnerskaber")
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "leader"],
                condition=Q(state__in=["proposed", "kickoff", "meetings", "wrapup", "paused"]),
                name="one_active_partnership_per_pair",
            )
        ]

    def __str__(self):
        return f"{self.expert} & {self.leader}"

    def get_absolute_url(self):
        return reverse("partnerships:partnership-detail", args=[self.pk])

    def party_of(self, user) -> str | None:
        """'expert', 'leader' or None for this user."""
        if user.is_authenticated and self.leader.user_id == user.pk:
            return Party.LEADER
        if user.is_authenticated and self.expert.citizen.user_id == user.pk:
            return Party.EXPERT
        return None

    def overdue_reasons(self, today=None, meeting_count=None) -> list[str]:
        """What the facilitator should look at: a phase that should have moved on."""
        today = today or timezone.localdate()
        reasons = []
        if self.state in (PartnershipState.PROPOSED, PartnershipState.KICKOFF) and (
            today > self.round.starts_on
        ):
            reasons.append(_("Opstarten er ikke holdt, selvom perioden er begyndt."))
        if self.state == PartnershipState.MEETINGS and today > self.round.ends_on:
            reasons.append(_("Perioden er slut, men afrundingen er ikke begyndt."))
        if (
            self.state == PartnershipState.MEETINGS
            and meeting_count is not None
            and meeting_count == 0
            and (today - self.round.starts_on).days > 30
        ):
            reasons.append(_("Ingen møder registreret i over en måned."))
        return reasons


class Party(models.TextChoices):
    EXPERT = "expert", _("Erfaringsekspert")
    LEADER = "leader", _("Leder")


class Activity(models.TextChoices):
    FOLLOW_AT_WORK = "follow_work", _("Følges på arbejde")
    VISIT = "visit", _("Besøg")
    WALK_RUN = "walk_run", _("Gåtur eller løbetur")
    MUSEUM = "museum", _("Museum")
    ATTEND_MEETING = "attend_meeting", _("Deltager i et møde")
    CONSULTATION = "consultation", _("Følges til konsultation")
    OTHER = "other", _("Andet")


class PartnershipMeeting(TimeStampedModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    activity = models.CharField(_("aktivitet"), max_length=20, choices=Activity.choices)
    activity_text = models.CharField(
        _("beskriv aktiviteten"),
        max_length=200,
        blank=True,
        help_text=_("Skriv med egne ord, hvad I laver – især hvis du har valgt «Andet»."),
    )
    held_on = models.DateField(_("dato"))
    starts_at = models.TimeField(_("klokken"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=200)
    duration_hours = models.DecimalField(
        _("varighed i timer"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("12"))],
        help_text=_("Fx 1,5. Erfaringseksperten får honorar for timerne."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["held_on", "starts_at", "pk"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")

    def __str__(self):
        return f"{self.held_on}: {self.activity_label}"

    @property
    def activity_label(self):
        if self.activity == Activity.OTHER and self.activity_text:
            return self.activity_text
        return self.get_activity_display()

    def clean(self):
        if self.activity == Activity.OTHER and not self.activity_text.strip():
            raise ValidationError(
                {"activity_text": _("Du har valgt «Andet». Skriv kort, hvad I laver.")}
            )


class PaymentQuerySet(models.QuerySet):
    def for_month(self, month):
        return self.filter(month=month)


class Payment(TimeStampedModel):
    """Honorar for one meeting: the expert's hours times the round's rate at the time."""

    meeting = models.OneToOneField(
        PartnershipMeeting, on_delete=models.CASCADE, related_name="payment"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="payments")
    hours = models.DecimalField(_("timer"), max_digits=4, decimal_places=1)
    rate = models.DecimalField(_("sats (kr./time)"), max_digits=8, decimal_places=2)
    amount = models.DecimalField(_("beløb (kr.)"), max_digits=10, decimal_places=2)
    month = models.DateField(_("måned"), help_text=_("Første dag i måneden."))
    is_paid = models.BooleanField(_("udbetalt"), default=False)
    paid_at = models.DateTimeField(_("udbetalt den"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["month", "pk"]
        verbose_name = _("honorarudbetaling")
        verbose_name_plural = _("honorarudbetalinger")

    def __str__(self):
        return f"{self.partnership.expert} {self.month:%Y-%m}: {self.amount} kr."


class ReflectionQuerySet(models.QuerySet):
    def visible_to(self, user, partnership):
        """The author sees all their own; others see only shared reflections."""
        return self.filter(partnership=partnership).filter(Q(author=user) | Q(is_shared=True))


class Reflection(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="reflections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    party = models.CharField(_("skrevet af"), max_length=10, choices=Party.choices)
    text = models.TextField(_("refleksion"))
    perspective = models.CharField(_("perspektiv"), max_length=10, choices=Perspective.choices)
    tags = models.JSONField(_("emner"), default=list, blank=True)
    is_shared = models.BooleanField(
        _("Del med min partner og facilitatoren"),
        default=False,
        help_text=_("Hvis du ikke deler, kan kun du se refleksionen."),
    )

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("refleksion")
        verbose_name_plural = _("refleksioner")

    def __str__(self):
        return self.text[:60]


LIKERT = [
    (1, _("Helt uenig")),
    (2, _("Delvis uenig")),
    (3, _("Hverken enig eller uenig")),
    (4, _("Delvis enig")),
    (5, _("Helt enig")),
]
#: The same statements for both parties; the field name is the question's key.
EVALUATION_QUESTIONS = [
    ("q_equal", _("Partnerskabet føltes ligeværdigt.")),
    ("q_heard", _("Min partner lyttede til mine erfaringer.")),
    ("q_own_terms", _("Vi mødtes på steder og måder, der passede os begge.")),
    ("q_insight", _("Jeg fik indsigt, jeg ikke kunne have fået på anden måde.")),
    ("q_value", _("Partnerskabet var tiden værd.")),
]


def _likert_field(label):
    return models.PositiveSmallIntegerField(
        label,
        choices=LIKERT,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class WrapUpEvaluation(TimeStampedModel):
    """Both parties answer the same questions; neither sees the other's before both answered."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="evaluations"
    )
    party = models.CharField(_("part"), max_length=10, choices=Party.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    q_equal = _likert_field(EVALUATION_QUESTIONS[0][1])
    q_heard = _likert_field(EVALUATION_QUESTIONS[1][1])
    q_own_terms = _likert_field(EVALUATION_QUESTIONS[2][1])
    q_insight = _likert_field(EVALUATION_QUESTIONS[3][1])
    q_value = _likert_field(EVALUATION_QUESTIONS[4][1])
    what_worked = models.TextField(_("Hvad fungerede godt?"), blank=True)
    what_was_unequal = models.TextField(
        _("Var der noget, der ikke føltes ligeværdigt? Hvad?"), blank=True
    )
    what_next = models.TextField(_("Hvad tager du med dig videre?"), blank=True)

    class Meta:
        ordering = ["partnership", "party"]
        verbose_name = _("afrundingsevaluering")
        verbose_name_plural = _("afrundingsevalueringer")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "party"], name="one_evaluation_per_party"
            )
        ]

    def __str__(self):
        return f"{self.partnership} – {self.get_party_display()}"

    def answers(self) -> list[int]:
        return [getattr(self, key) for key, _label in EVALUATION_QUESTIONS]


class Gathering(TimeStampedModel):
    """The half-yearly gathering of all past, current and coming partnerships."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnership_gatherings"
    )
    title = models.CharField(_("titel"), max_length=200)
    held_on = models.DateField(_("dato"))
    place = models.CharField(_("sted"), max_length=200)
    description = models.TextField(_("program og formål"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("fællesmøde")
        verbose_name_plural = _("fællesmøder")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:gathering-detail", args=[self.pk])


class Reply(models.TextChoices):
    PENDING = "pending", _("Ikke svaret")
    YES = "yes", _("Kommer")
    NO = "no", _("Kommer ikke")


class GatheringInvitation(TimeStampedModel):
    """One invited person: a leader (a user) or an expert (a citizen)."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    party = models.CharField(_("rolle"), max_length=10, choices=Party.choices)
    reply = models.CharField(_("svar"), max_length=10, choices=Reply.choices, default=Reply.PENDING)
    replied_at = models.DateTimeField(_("svaret"), null=True, blank=True)

    class Meta:
        ordering = ["party", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "user"],
                condition=Q(user__isnull=False),
                name="one_invitation_per_user",
            ),
            models.UniqueConstraint(
                fields=["gathering", "citizen"],
                condition=Q(citizen__isnull=False),
                name="one_invitation_per_citizen",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(citizen__isnull=False),
                name="invitation_has_invitee",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        if self.citizen_id:
            return self.citizen.display_name
        return self.user.get_full_name() or self.user.get_username()
