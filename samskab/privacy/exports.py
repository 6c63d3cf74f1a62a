"""The access log as CSV for the data-protection officer, through the shared export mechanism."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samskab.core.exports import Column, Export

#: Rows are `access_log.access_log_rows` dicts. The export itself is logged per citizen by
#: the view (one entry per citizen, not per log line).
ACCESS_LOG = Export(
    "adgangslog",
    [
        Column(_("Løbenummer"), lambda row: row["entry"].sequence),
        # Seconds matter in an audit trail: the timestamp stays ISO text, not a rounded cell.
        Column(
            _("Tidspunkt"),
            lambda row: timezone.localtime(row["entry"].at).isoformat(timespec="seconds"),
        ),
        Column(_("Bruger"), lambda row: row["entry"].actor_name),
        Column(_("Borger"), lambda row: row["citizen"].display_name if row["citizen"] else ""),
        Column(_("Borger-id"), lambda row: row["entry"].citizen_id),
        Column(_("Handling"), lambda row: row["entry"].get_action_display()),
        Column(_("Datatype"), lambda row: row["object_name"]),
        Column(_("Objekt-id"), lambda row: row["entry"].object_id),
        Column(_("Formål"), lambda row: gettext(row["entry"].purpose)),
    ],
)
