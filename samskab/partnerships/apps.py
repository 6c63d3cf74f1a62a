"""Partnerships app: equal partnerships between experience experts and strategic leaders."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "samskab.partnerships"
    label = "partnerships"
    verbose_name = _("Ligeværdige partnerskaber")
