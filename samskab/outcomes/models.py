"""Outcome measures (built in and added by administrators) and measurements per citizen."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from samskab.core.kiosk import Handover
from samskab.core.models import TimeStampedModel
from samskab.people.models import Citizen

from . import who5


def plain_number(value) -> str:
    """A decimal in the active locale without trailing zeros: 7,5 or 100, never 1E+2."""
    value = Decimal(str(value))
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return number_format(value)


class Domain(models.TextChoices):
    """The three kinds of value the VIVE report asks an effect evaluation to document."""

    ECONOMIC = "economic", _("Økonomisk værdi")
    HEALTH = "health", _("Sundhedsmæssig værdi")
    QUALITY_OF_LIFE = "quality_of_life", _("Livskvalitet")


class MeasureKind(models.TextChoices):
    SCALE = "scale", _("Skala")
    NUMERIC = "numeric", _("Tal")


class MeasureQuerySet(models.QuerySet):
    def builtin(self):
        return self.filter(is_builtin=True)


class Measure(TimeStampedModel):
    code = models.SlugField(_("kode"), max_length=50, unique=True)
    name = models.CharField(_("navn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    domain = models.CharField(_("domæne"), max_length=20, choices=Domain.choices)
    kind = models.CharField(_("type"), max_length=10, choices=MeasureKind.choices)
    min_value = models.DecimalField(_("mindste værdi"), max_digits=12, decimal_places=2)
    max_value = models.DecimalField(
        _("største værdi"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Tom betyder ingen øvre grænse (kun for tal)."),
    )
    unit = models.CharField(_("enhed"), max_length=50, blank=True)
    is_builtin = models.BooleanField(_("indbygget"), default=False)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["domain", "name"]
        verbose_name = _("effektmål")
        verbose_name_plural = _("effektmål")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_value__isnull=True) | Q(max_value__gt=models.F("min_value")),
                name="measure_max_above_min",
            ),
            models.CheckConstraint(
                condition=Q(kind="numeric") | Q(max_value__isnull=False),
                name="scale_measure_has_max",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # min_value is None when its own input was invalid (the form reports that one).
        if None not in (self.max_value, self.min_value) and self.max_value <= self.min_value:
            raise ValidationError(
                {"max_value": _("Den største værdi skal være større end den mindste værdi.")}
            )
        if self.kind == MeasureKind.SCALE and self.max_value is None:
            raise ValidationError({"max_value": _("En skala skal have en største værdi.")})

    @property
    def is_who5(self) -> bool:
        return self.code == who5.CODE

    def range_text(self) -> str:
        low = plain_number(self.min_value)
        if self.max_value is None:
            return str(_("mindst %(low)s") % {"low": low})
        return str(
            _("fra %(low)s til %(high)s") % {"low": low, "high": plain_number(self.max_value)}
        )

    def check_value(self, value: Decimal):
        """Refuse a value outside the measure's range, saying what the range is."""
        too_high = self.max_value is not None and value > self.max_value
        if value < self.min_value or too_high:
            raise ValidationError(
                {
                    "value": _(
                        "%(name)s skal være et tal %(range)s%(unit)s. Ret værdien og prøv igen."
                    )
                    % {
                        "name": self.name,
                        "range": self.range_text(),
                        "unit": f" ({self.unit})" if self.unit else "",
                    }
                }
            )


class MeasurementQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(citizen__in=Citizen.objects.visible_to(user))

    def for_citizen(self, citizen):
        return self.filter(citizen=citizen)


class Measurement(TimeStampedModel):
    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("borger")
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="measurements", verbose_name=_("effektmål")
    )
    value = models.DecimalField(_("værdi"), max_digits=12, decimal_places=2)
    measured_on = models.DateField(_("målt den"), default=timezone.localdate)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    is_self_reported = models.BooleanField(_("borgerens egen besvarelse"), default=False)
    item_answers = models.JSONField(
        _("svar på de enkelte spørgsmål"),
        default=list,
        blank=True,
        help_text=_("WHO-5: de fem svar (0–5) i spørgsmålenes rækkefølge."),
    )

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["-measured_on", "-pk"]
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        indexes = [models.Index(fields=["measure", "measured_on"])]

    def __str__(self):
        return f"{self.measure} {self.value} ({self.measured_on})"

    def clean(self):
        if self.value is not None and self.measure_id:
            self.measure.check_value(self.value)
        if self.measure_id and self.measure.is_who5:
            try:
                expected = who5.score(self.item_answers)
            except ValueError:
                raise ValidationError(
                    _("Svar på alle fem spørgsmål med en værdi fra 0 til 5.")
                ) from None
            if self.value != expected.index:
                raise ValidationError(_("WHO-5-indekset passer ikke med svarene."))

    def display_value(self) -> str:
        unit = f" {self.measure.unit}" if self.measure.unit else ""
        return f"{plain_number(self.value)}{unit}"

    @property
    def who5_score(self):
        if self.item_answers and len(self.item_answers) == len(who5.ITEMS):
            return who5.score(self.item_answers)
        return None


class Who5Handover(Handover):
    """A single-use, expiring hand-over of the professional's device to the citizen for one
    WHO-5 answer (token, expiry and single use: core.kiosk.Handover)."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="who5_handovers", verbose_name=_("borger")
    )

    class Meta:
        verbose_name = _("overlevering af WHO-5 til borgeren")
        verbose_name_plural = _("overleveringer af WHO-5 til borgeren")

    def __str__(self):
        return f"WHO-5 ({self.created_at:%d.%m.%Y %H:%M})"
