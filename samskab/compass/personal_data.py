"""The Esbjerg model's personal data: which unit served a citizen, and when."""

from django.utils.translation import gettext_lazy as _

from samskab.people.models import ConsentPurpose
from samskab.privacy.registry import Erasure, Guard, PersonalData, Writer, registry

from .models import UnitMembership

registry.register(
    PersonalData(
        model=UnitMembership,
        # Registered about the citizen in Samskab, like measurements (a rollout is no pathway).
        consent_purpose=ConsentPurpose.REGISTRATION,
        writers=(
            Writer("samskab.compass.actions.add_membership"),
            Writer(
                "samskab.compass.actions.end_membership",
                Guard.RESTRICTION,
                why=_(
                    "At afslutte en tilknytning stopper behandlingen og skal kunne ske, når "
                    "samtykket er trukket tilbage; under en begrænsning må intet ændres."
                ),
            ),
        ),
        citizen_path="citizen",
        export_fields=("unit", "started_on", "ended_on"),
        erasure=Erasure.ANONYMISE,
        why=_(
            "Tilknytningerne afgør udrulnings- og sammenligningsgrupper i effektevalueringen og "
            "bevares; de knyttes kun til pseudonymet. De rummer ingen fritekst."
        ),
    )
)
