"""Insights app: one searchable body of insight, lemniscate balance, themes, reminders."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "samskab.insights"
    label = "insights"
    verbose_name = _("Indsigter")

    def ready(self):
        from . import sources  # noqa: F401  (registers the built-in sources)
