"""The Esbjerg model: leadership compass rounds, readiness to spread, stepwise rollouts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel
from samskab.outcomes.models import Measure
from samskab.people.models import Citizen, Organisation, Unit


class Support(models.TextChoices):
    """The six supports the VIVE report (2017) found behind the Esbjerg model, in its order."""

    BACKING = "backing", _("Kontinuerlig opbakning fra topledelse og politisk niveau")
    VISIBLE = "visible", _("Synlig ledelse med ejerskab til værdierne")
    PRESENT = "present", _("Nærværende ledelse, der afspejler metoderne")
    INVOLVEMENT = "involvement", _("Omfattende medarbejderinvolvering i udvikling af redskaberne")
    COMPETENCE = "competence", _("Investering i kompetenceudvikling")
    FLEXIBILITY = "flexibility", _("Fleksibilitet og tid til at arbejde helhedsorienteret")


#: The six supports, explicitly in the report's order (radar axes, forms and tables).
SUPPORTS = list(Support)


class RespondentRole(models.TextChoices):
    LEADER = "leader", _("Leder")
    EMPLOYEE = "employee", _("Medarbejder")


class CompassRoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        from samskab.people.permissions import is_platform_admin

        from .permissions import staff_organisation_ids

        if is_platform_admin(user):
            return self
        return self.filter(organisation_id__in=staff_organisation_ids(user))

    def open(self):
        return self.filter(is_open=True)


class CompassRound(TimeStampedModel):
    """One assessment round of the leadership compass (ledelseskompas) in an organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="compass_rounds",
        verbose_name=_("organisation"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compass_rounds",
        verbose_name=_("enhed"),
        help_text=_("Tom betyder hele organisationen."),
    )
    title = models.CharField(_("titel"), max_length=200)
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    is_open = models.BooleanField(_("åben for svar"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )

    objects = CompassRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("ledelseskompas-runde")
        verbose_name_plural = _("ledelseskompas-runder")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="compass_round_period_order",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Perioden skal slutte efter, den begynder.")})
        if self.unit_id and self.unit.organisation_id != self.organisation_id:
            raise ValidationError({"unit": _("Enheden hører til en anden organisation.")})

    def previous(self):
        """The round before this one for the same organisation and unit, if any."""
        return (
            CompassRound.objects.filter(
                organisation_id=self.organisation_id,
                unit_id=self.unit_id,
                period_start__lt=self.period_start,
            )
            .order_by("-period_start", "-pk")
            .first()
        )


class CompassResponse(TimeStampedModel):
    round = models.ForeignKey(
        CompassRound, on_delete=models.CASCADE, related_name="responses", verbose_name=_("runde")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="compass_responses",
        verbose_name=_("besvaret af"),
    )
    role = models.CharField(_("rolle"), max_length=10, choices=RespondentRole.choices)

    class Meta:
        verbose_name = _("besvarelse")
        verbose_name_plural = _("besvarelser")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "respondent"], name="one_compass_response_per_user"
            )
        ]

    def __str__(self):
        return f"{self.round} – {self.get_role_display()}"


SCORE_ERROR = _("Vælg en score fra 1 (slet ikke) til 5 (i meget høj grad).")


class CompassAnswer(models.Model):
    response = models.ForeignKey(CompassResponse, on_delete=models.CASCADE, related_name="answers")
    support = models.CharField(_("understøttelse"), max_length=20, choices=Support.choices)
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[
            MinValueValidator(1, message=SCORE_ERROR),
            MaxValueValidator(5, message=SCORE_ERROR),
        ],
    )
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(fields=["response", "support"], name="one_answer_per_support"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="compass_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.get_support_display()}: {self.score}"


# Readiness to spread -------------------------------------------------------------


class Question(models.TextChoices):
    """The report's four questions for spreading the model, in the report's order."""

    ADVANTAGE = (
        "advantage",
        _(
            "Er der relevante fagpersoner og ledere, som kan se de relative fordele ved at "
            "introducere en ny praksis for borgerinddragelse?"
        ),
    )
    VALUES = (
        "values",
        _(
            "Kender, forstår og deler modtagerorganisationen de værdier, "
            "borgerinddragelsen hviler på?"
        ),
    )
    BACKING = (
        "backing",
        _(
            "Ønsker topledelse og politisk niveau at bakke op om den kursændring, modellen "
            "repræsenterer?"
        ),
    )
    CONDITIONS = (
        "conditions",
        _(
            "Giver lovgrundlag, opgaveportefølje, arbejdsrutiner og ressourcer mulighed for at "
            "forfølge modellens strategier og handlinger?"
        ),
    )


QUESTIONS = list(Question)


class Answer(models.TextChoices):
    YES = "yes", _("Ja")
    PARTLY = "partly", _("Delvist")
    NO = "no", _("Nej")


class ReadinessAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from samskab.people.permissions import is_platform_admin

        from .permissions import staff_organisation_ids

        if is_platform_admin(user):
            return self
        ids = staff_organisation_ids(user)
        return self.filter(Q(source_organisation_id__in=ids) | Q(receiving_organisation_id__in=ids))


class ReadinessAssessment(TimeStampedModel):
    """Readiness to spread (parathed til spredning) a model to a receiving organisation."""

    model_name = models.CharField(_("model"), max_length=200, default="Esbjerg-modellen")
    source_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("afsenderorganisation"),
    )
    receiving_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="readiness_assessments",
        verbose_name=_("modtagerorganisation"),
    )
    assessed_on = models.DateField(_("vurderet den"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vurderet af"),
    )
    advantage = models.CharField(Question.ADVANTAGE.label, max_length=10, choices=Answer.choices)
    advantage_evidence = models.TextField(_("belæg"), blank=True)
    values = models.CharField(Question.VALUES.label, max_length=10, choices=Answer.choices)
    values_evidence = models.TextField(_("belæg"), blank=True)
    backing = models.CharField(Question.BACKING.label, max_length=10, choices=Answer.choices)
    backing_evidence = models.TextField(_("belæg"), blank=True)
    conditions = models.CharField(Question.CONDITIONS.label, max_length=10, choices=Answer.choices)
    conditions_evidence = models.TextField(_("belæg"), blank=True)

    objects = ReadinessAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("parathed til spredning")
        verbose_name_plural = _("parathed til spredning")

    def __str__(self):
        return f"{self.model_name} → {self.receiving_organisation}"

    def clean(self):
        if (
            self.source_organisation_id
            and self.source_organisation_id == self.receiving_organisation_id
        ):
            raise ValidationError(
                {"receiving_organisation": _("Vælg en anden organisation end afsenderen.")}
            )

    def answers(self):
        """(question, answer, evidence) in the report's order."""
        return [
            (q, Answer(getattr(self, q.value)), getattr(self, f"{q.value}_evidence"))
            for q in QUESTIONS
        ]


# Stepwise rollout ---------------------------------------------------------------


class RolloutQuerySet(models.QuerySet):
    def visible_to(self, user):
        from samskab.people.permissions import is_platform_admin

        from .permissions import staff_organisation_ids

        if is_platform_admin(user):
            return self
        return self.filter(organisation_id__in=staff_organisation_ids(user))


class Rollout(TimeStampedModel):
    """A stepwise rollout (trinvis udrulning): a small pilot first, the rest as comparison."""

    name = models.CharField(_("navn"), max_length=200)
    model_name = models.CharField(_("model"), max_length=200, default="Esbjerg-modellen")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="rollouts",
        verbose_name=_("organisation"),
    )
    comparison_units = models.ManyToManyField(
        Unit, related_name="compared_in_rollouts", verbose_name=_("sammenligningsenheder")
    )
    baseline_start = models.DateField(_("før-periode fra"))
    baseline_end = models.DateField(_("før-periode til"))
    measures = models.ManyToManyField(
        Measure, related_name="rollouts", verbose_name=_("effektmål, der evalueres")
    )

    objects = RolloutQuerySet.as_manager()

    class Meta:
        ordering = ["-baseline_start", "name"]
        verbose_name = _("trinvis udrulning")
        verbose_name_plural = _("trinvise udrulninger")

    def __str__(self):
        return self.name

    def clean(self):
        if self.baseline_start and self.baseline_end and self.baseline_end < self.baseline_start:
            raise ValidationError({"baseline_end": _("Før-perioden skal slutte efter starten.")})


class RolloutStage(models.Model):
    """A stage of the rollout; stage 1 is the pilot, later stages widen it."""

    rollout = models.ForeignKey(Rollout, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(_("trin"))
    name = models.CharField(_("navn"), max_length=200)
    starts_on = models.DateField(_("starter"))
    units = models.ManyToManyField(Unit, related_name="rollout_stages", verbose_name=_("enheder"))

    class Meta:
        ordering = ["rollout", "number"]
        verbose_name = _("udrulningstrin")
        verbose_name_plural = _("udrulningstrin")
        constraints = [
            models.UniqueConstraint(fields=["rollout", "number"], name="unique_stage_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class FollowUpPeriod(models.Model):
    rollout = models.ForeignKey(Rollout, on_delete=models.CASCADE, related_name="follow_up_periods")
    name = models.CharField(_("navn"), max_length=100)
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"))

    class Meta:
        ordering = ["rollout", "starts_on"]
        verbose_name = _("opfølgningsperiode")
        verbose_name_plural = _("opfølgningsperioder")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="follow_up_period_order"
            )
        ]

    def __str__(self):
        return self.name


class UnitMembership(TimeStampedModel):
    """A citizen served by a unit from one date to another (open end: still served)."""

    citizen = models.ForeignKey(
        Citizen,
        on_delete=models.CASCADE,
        related_name="unit_memberships",
        verbose_name=_("borger"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("enhed")
    )
    started_on = models.DateField(_("fra"))
    ended_on = models.DateField(_("til"), null=True, blank=True)

    class Meta:
        ordering = ["citizen", "started_on"]
        verbose_name = _("tilknytning til enhed")
        verbose_name_plural = _("tilknytninger til enheder")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "unit", "started_on"], name="unique_unit_membership"
            )
        ]

    def __str__(self):
        return f"{self.citizen} – {self.unit}"

    def clean(self):
        if self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("Tilknytningen skal slutte efter starten.")})
        if (
            self.unit_id
            and self.citizen_id
            and (self.unit.organisation_id != self.citizen.organisation_id)
        ):
            raise ValidationError(
                {"unit": _("Enheden hører til en anden organisation end borgeren.")}
            )

    def covers(self, day) -> bool:
        return self.started_on <= day and (self.ended_on is None or day <= self.ended_on)
