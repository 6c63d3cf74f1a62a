"""Privacy's own personal data: the citizen's data-protection requests."""

from django.utils.translation import gettext_lazy as _

from .models import DataSubjectRequest
from .registry import Erasure, PersonalData, registry

registry.register(
    PersonalData(
        model=DataSubjectRequest,
        citizen_path="citizen",
        export_fields=(
            "kind",
            "received_on",
            "deadline_on",
            "description",
            "answered_on",
            "outcome",
            "answer_note",
        ),
        erasure=Erasure.KEEP,
        why=_(
            "Dokumentation for, at borgerens anmodning blev behandlet rettidigt "
            "(ansvarlighed, art. 5, stk. 2). Knyttes kun til pseudonymet."
        ),
    )
)
