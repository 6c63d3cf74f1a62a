"""API app: the versioned JSON API, its personal tokens, errors, lists and docs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "samskab.api"
    label = "api"
    verbose_name = _("API")
