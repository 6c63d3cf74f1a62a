"""Outcomes' personal data: measurements per citizen and WHO-5 hand-overs."""

from django.utils.translation import gettext_lazy as _

from samskab.people.models import ConsentPurpose
from samskab.privacy.registry import Erasure, Guard, PersonalData, Retention, Writer, registry

from .models import Measurement, Who5Handover

registry.register(
    PersonalData(
        model=Measurement,
        # Data registered about the citizen in Samskab, whatever practice it serves.
        consent_purpose=ConsentPurpose.REGISTRATION,
        writers=(
            Writer("samskab.outcomes.actions.record_measurement"),
            Writer("samskab.outcomes.actions.record_who5"),
        ),
        citizen_path="citizen",
        export_fields=("measure", "value", "measured_on", "is_self_reported", "item_answers"),
        erasure=Erasure.ANONYMISE,
        why=_(
            "Målingerne bevares uændret til effektevalueringer og business cases; de knyttes "
            "kun til pseudonymet, når borgerrækken anonymiseres. De rummer ingen fritekst."
        ),
    )
)

registry.register(
    PersonalData(
        model=Who5Handover,
        consent_purpose=ConsentPurpose.REGISTRATION,
        writers=(
            Writer("samskab.outcomes.actions.start_who5_handover"),
            Writer(
                "samskab.outcomes.actions.skip_who5_handover",
                Guard.NONE,
                why=_(
                    "At springe over gemmer intet om borgeren; det lukker kun skærmen, så "
                    "enheden altid kan gives tilbage."
                ),
            ),
        ),
        citizen_path="citizen",
        export_fields=("created_at", "used_at"),
        erasure=Erasure.DELETE,
        retention=Retention("created_at", 30, _("Slettes 30 dage efter udlevering.")),
        why=_("Engangsnøgler til WHO-5-skærmen; ingen rapport tæller dem."),
    )
)
