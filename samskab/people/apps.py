"""People app: organisations, units, staff, citizens, roles and consent."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "samskab.people"
    label = "people"
    verbose_name = _("Personer og organisationer")
