"""Compass app: the Esbjerg model's leadership compass, readiness to spread and rollouts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompassConfig(AppConfig):
    name = "samskab.compass"
    label = "compass"
    verbose_name = _("Esbjerg-modellen")
