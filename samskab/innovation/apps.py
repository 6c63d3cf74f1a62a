"""Innovation app: challenges, missions, five-phase projects, gates, business cases and lessons."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "samskab.innovation"
    label = "innovation"
    verbose_name = _("Systematisk velfærdsinnovation")
