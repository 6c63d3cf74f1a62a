"""The innovation lists as CSV and XLSX: the portfolio's projects and the network's lessons.

Projects and lessons hold no citizen data, so the exports are not access-logged.
"""

from django.utils.translation import gettext_lazy as _

from samskab.core.exports import Column, Export

PROJECTS = Export(
    "projekter",
    [
        Column(_("Projekt"), "title"),
        Column(_("Mission"), "mission"),
        Column(_("Fase"), "get_phase_display"),
        Column(_("Status"), "get_status_display"),
        Column(_("Venter på beslutning siden"), "gate_requested_on"),
    ],
)

LESSONS = Export(
    "laering",
    [
        Column(_("Titel"), "title"),
        Column(_("Læring"), "text"),
        Column(_("Emneord"), "tags"),
        Column(_("Perspektiv"), "get_perspective_display"),
        Column(_("Deles med"), "get_visibility_display"),
        Column(_("Projekt"), "project"),
        Column(_("Organisation"), "organisation.name"),
        Column(_("Delt"), "created_at"),
    ],
)
