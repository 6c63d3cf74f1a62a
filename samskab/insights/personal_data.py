"""Insights' personal data: the search index holds copies of texts about a citizen."""

from django.utils.translation import gettext_lazy as _

from samskab.privacy.registry import Erasure, PersonalData, registry

from .models import InsightEntry

registry.register(
    PersonalData(
        model=InsightEntry,
        writers_why=_(
            "En kopi, som skrives af de handlinger, der skriver originalerne "
            "(læringsopsamlinger, vurderinger og refleksioner); de er selv spærret."
        ),
        citizen_path="citizen_id",
        export_fields=("source", "title", "text", "created_at"),
        erasure=Erasure.DELETE,
        why=_(
            "Søgeindekset er en kopi af læringsopsamlinger, kommentarer og refleksioner. Kopien "
            "slettes; den næste genopbygning af indekset læser de (anonymiserede) originaler igen."
        ),
    )
)
