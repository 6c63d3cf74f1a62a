"""Outcomes' personal data: measurements per citizen."""

from django.utils.translation import gettext_lazy as _

from samskab.privacy.registry import Erasure, PersonalData, registry

from .models import Measurement

registry.register(
    PersonalData(
        model=Measurement,
        citizen_path="citizen",
        export_fields=("measure", "value", "measured_on", "is_self_reported", "item_answers"),
        erasure=Erasure.ANONYMISE,
        why=_(
            "Målingerne bevares uændret til effektevalueringer og business cases; de knyttes "
            "kun til pseudonymet, når borgerrækken anonymiseres. De rummer ingen fritekst."
        ),
    )
)
