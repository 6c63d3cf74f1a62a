"""A record of the synthetic national data set, so that it is never loaded twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel


class GeneratedDataset(TimeStampedModel):
    scale = models.FloatField(_("skala"))
    seed = models.IntegerField(_("frø"))
    counts = models.JSONField(_("antal rækker"), default=dict)

    class Meta:
        verbose_name = _("syntetisk nationalt datasæt")
        verbose_name_plural = _("syntetiske nationale datasæt")

    def __str__(self):
        return f"skala {self.scale:g}, frø {self.seed} ({self.created_at:%Y-%m-%d %H:%M})"
