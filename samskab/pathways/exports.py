"""The pathway lists as CSV and XLSX: a team's pathways, a pathway's meetings, overdue captures.

Every export names citizens, so every row is written to the citizen's access log.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from samskab.core.exports import Column, Export


def _has_capture(meeting) -> bool:
    return hasattr(meeting, "learning_capture")


def _overall(meeting):
    rating = getattr(meeting, "rating", None)  # a missing rating raises an AttributeError
    return rating.overall if rating else None


PATHWAYS = Export(
    "borgerforloeb",
    [
        Column(_("Forløb-id"), "pk"),
        Column(_("Borger"), "citizen.display_name"),
        Column(_("Status"), "get_status_display"),
        Column(_("Startet"), "opened_on"),
        Column(_("Afsluttet"), "closed_on"),
        Column(_("Møder"), "meeting_count"),
        Column(_("Seneste møde"), "last_meeting_on"),
    ],
    slug="forloeb",
    citizen_id_of=lambda pathway: pathway.citizen_id,
    purpose=gettext_noop("Eksport af teamets borgerforløb"),
)

MEETINGS = Export(
    "moeder",
    [
        Column(_("Møde-id"), "pk"),
        Column(_("Dato"), "held_on"),
        Column(_("Med borgeren"), "with_citizen"),
        Column(_("Supervisor deltog"), "supervisor_present"),
        Column(_("Andre deltagere"), "other_participants"),
        Column(_("Læringsopsamling"), _has_capture),
        Column(_("Borgerens vurdering, alt i alt"), _overall),
    ],
    slug="moeder",
    citizen_id_of=lambda meeting: meeting.pathway.citizen_id,
    purpose=gettext_noop("Eksport af forløbets møder"),
)

OVERDUE = Export(
    "manglende-opsamlinger",
    [
        Column(_("Møde-id"), "pk"),
        Column(_("Dato"), "held_on"),
        Column(_("Team"), "pathway.team.name"),
        Column(_("Borger"), "pathway.citizen.display_name"),
    ],
    slug="opsamlinger",
    citizen_id_of=lambda meeting: meeting.pathway.citizen_id,
    purpose=gettext_noop("Eksport af manglende læringsopsamlinger"),
)
