"""Pathways app: teams, pathways, meetings, learning captures, ratings and practice elements."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "samskab.pathways"
    label = "pathways"
    verbose_name = _("Sammenhængende borgerforløb")
