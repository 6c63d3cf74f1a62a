"""A citizen's measurements as CSV and XLSX; every exported row is in the citizen's log."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from samskab.core.exports import Column, Export

MEASUREMENTS = Export(
    "maalinger",
    [
        Column(_("Borger-id"), "citizen_id"),
        Column(_("Effektmål"), "measure.name"),
        Column(_("Målt den"), "measured_on"),
        Column(_("Værdi"), "value"),
        Column(_("Borgerens egen besvarelse"), "is_self_reported"),
    ],
    citizen_id_of=lambda measurement: measurement.citizen_id,
    purpose=gettext_noop("Eksport af borgerens effektmålinger"),
)
