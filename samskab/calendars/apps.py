"""Calendar feeds: each user's secret iCalendar address for their meetings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "samskab.calendars"
    label = "calendars"
    verbose_name = _("Kalenderabonnementer")
