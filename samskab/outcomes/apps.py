"""Outcomes app: outcome measures, measurements per citizen and effect evaluation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "samskab.outcomes"
    label = "outcomes"
    verbose_name = _("Effektmål og målinger")
