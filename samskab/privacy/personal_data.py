"""Privacy's own personal data: the citizen's data-protection requests."""

from django.utils.translation import gettext_lazy as _

from .models import DataSubjectRequest
from .registry import Erasure, Guard, PersonalData, Writer, registry

registry.register(
    PersonalData(
        model=DataSubjectRequest,
        writers=tuple(
            Writer(
                f"samskab.privacy.actions.{name}",
                Guard.NONE,
                why=_(
                    "Borgerens anmodninger skal registreres og besvares, også efter en "
                    "tilbagetrækning og under en begrænsning."
                ),
            )
            for name in ("register_request", "answer_request")
        ),
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
