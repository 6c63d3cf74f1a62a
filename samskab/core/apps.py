"""Core app: base models, organisation-wide helpers, access log and layout pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samskab.core"
    label = "core"
    verbose_name = _("Kerne")

    def ready(self):
        from . import checks  # noqa: F401  (registers the access-log key checks)
