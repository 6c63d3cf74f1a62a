"""Core's personal data: access-log entries about a citizen."""

from django.utils.translation import gettext_lazy as _

from samskab.privacy.registry import Erasure, PersonalData, registry

from .models import AccessLogEntry

registry.register(
    PersonalData(
        model=AccessLogEntry,
        writers_why=_(
            "Hver handling skriver sin egen post i loggen; logningen stopper aldrig, heller "
            "ikke når en handling afvises."
        ),
        citizen_path="citizen_id",
        export_fields=("at", "actor_name", "action", "object_type", "purpose"),
        translated=("purpose",),
        erasure=Erasure.KEEP,
        why=_(
            "Adgangsloggen er hash-kædet og kan ikke ændres; den rummer kun borgerens id, "
            "ikke navnet, og slettes automatisk efter opbevaringsperioden "
            "(ACCESS_LOG_RETENTION_DAYS, standard 183 dage)."
        ),
    )
)
