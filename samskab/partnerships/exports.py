"""The partnership lists as CSV and XLSX: rounds, candidates, partnerships and payments."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from samskab.core.exports import Column, Export

ROUNDS = Export(
    "runder",
    [
        Column(_("Tema"), "theme"),
        Column(_("Organisation"), "organisation.name"),
        Column(_("Start"), "starts_on"),
        Column(_("Slut"), "ends_on"),
        Column(_("Erfaringseksperter"), "expert_count"),
        Column(_("Ledere"), "leader_count"),
        Column(_("Partnerskaber"), "partnership_count"),
    ],
)

EXPERTS = Export(
    "erfaringseksperter",
    [
        Column(_("Navn"), "citizen.display_name"),
        Column(_("Temaer"), "themes"),
        Column(_("Interesser"), "interests"),
        Column(_("Kan mødes"), "availability_labels"),
        Column(_("Behov ved møder"), "accessibility_needs"),
        Column(_("Status"), "get_status_display"),
    ],
    slug="eksperter",
    citizen_id_of=lambda expert: expert.citizen_id,
    purpose=gettext_noop("Eksport af rundens erfaringseksperter"),
)

LEADERS = Export(
    "ledere",
    [
        Column(_("Navn"), str),
        Column(_("Organisation"), "organisation.name"),
        Column(_("Temaer"), "themes"),
        Column(_("Interesser"), "interests"),
        Column(_("Kan mødes"), "availability_labels"),
        Column(_("Status"), "get_status_display"),
    ],
    slug="ledere",
)

PARTNERSHIPS = Export(
    "partnerskaber",
    [
        Column(_("Partnerskab-id"), "pk"),
        Column(_("Erfaringsekspert"), "expert.citizen.display_name"),
        Column(_("Leder"), lambda p: str(p.leader)),
        Column(_("Fase"), "get_state_display"),
        Column(_("Møder"), "meeting_count"),
    ],
    slug="partnerskaber",
    citizen_id_of=lambda partnership: partnership.expert.citizen_id,
    purpose=gettext_noop("Eksport af rundens partnerskaber"),
)

#: Payments are logged by `actions.record_payment_export`, the finance department's purpose.
PAYMENTS = Export(
    "honorarer",
    [
        Column(_("Måned"), lambda p: p.month.strftime("%Y-%m")),
        Column(_("Erfaringsekspert"), "partnership.expert.citizen.display_name"),
        Column(_("Borger-id"), "partnership.expert.citizen_id"),
        Column(_("Runde"), "partnership.round.theme"),
        Column(_("Mødedato"), "meeting.held_on"),
        Column(_("Timer"), "hours"),
        Column(_("Sats (kr./time)"), "rate"),
        Column(_("Beløb (kr.)"), "amount"),
        Column(_("Udbetalt"), "is_paid"),
    ],
)
