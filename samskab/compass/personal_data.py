"""The Esbjerg model's personal data: which unit served a citizen, and when."""

from django.utils.translation import gettext_lazy as _

from samskab.privacy.registry import Erasure, PersonalData, registry

from .models import UnitMembership

registry.register(
    PersonalData(
        model=UnitMembership,
        citizen_path="citizen",
        export_fields=("unit", "started_on", "ended_on"),
        erasure=Erasure.ANONYMISE,
        why=_(
            "Tilknytningerne afgør udrulnings- og sammenligningsgrupper i effektevalueringen og "
            "bevares; de knyttes kun til pseudonymet. De rummer ingen fritekst."
        ),
    )
)
