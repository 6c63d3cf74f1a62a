"""Leadership app: opportunity spaces, the shared leadership forum, decisions with the T-shaped
check, barriers from practice and traceability from insight to decision."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadershipConfig(AppConfig):
    name = "samskab.leadership"
    label = "leadership"
    verbose_name = _("Fælles ledelse")
