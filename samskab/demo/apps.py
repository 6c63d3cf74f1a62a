"""Demo app: demo data built from the five seed stories."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "samskab.demo"
    label = "demo"
    verbose_name = _("Demodata")
