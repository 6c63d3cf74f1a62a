"""Privacy app: personal-data registry, citizen's own data, access-log viewer, requests,
erasure, retention and research exports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "samskab.privacy"
    label = "privacy"
    verbose_name = _("Databeskyttelse")

    def ready(self):
        # Like the admin: every app's `personal_data` module registers its models.
        from .registry import autodiscover

        autodiscover()
