"""Citizen pathways' personal data: the pathway, its actors, plan, meetings, learning
captures, the citizen's ratings and rating hand-overs."""

from django.utils.translation import gettext_lazy as _

from samskab.privacy.registry import REDACTED, Erasure, PersonalData, Retention, registry

from .models import (
    LearningCapture,
    Meeting,
    MeetingRating,
    Pathway,
    PathwayActor,
    PlanAction,
    RatingHandover,
)

#: Pathway records are kept five years after the pathway closed, then anonymised.
FIVE_YEARS = 5 * 365 + 1


def _after_close(path: str) -> Retention:
    return Retention(
        f"{path}closed_on", FIVE_YEARS, _("Anonymiseres fem år efter, at forløbet er afsluttet.")
    )


registry.register(
    PersonalData(
        model=Pathway,
        citizen_path="citizen",
        export_fields=("team", "status", "rationale", "citizen_goals", "closed_on", "created_at"),
        erasure=Erasure.ANONYMISE,
        blank={"rationale": REDACTED, "citizen_goals": REDACTED},
        retention=_after_close(""),
        why=_(
            "Forløbet tælles i teamets oversigter og bevares; begrundelse og borgerens mål "
            "(fritekst) fjernes."
        ),
    )
)

registry.register(
    PersonalData(
        model=PathwayActor,
        citizen_path="pathway__citizen",
        export_fields=("name", "organisation", "sector"),
        erasure=Erasure.ANONYMISE,
        blank={"name": REDACTED, "organisation": ""},
        retention=_after_close("pathway__"),
        why=_("Sektorerne tælles i oversigter over tværsektorielt samarbejde; navne fjernes."),
    )
)

registry.register(
    PersonalData(
        model=PlanAction,
        citizen_path="pathway__citizen",
        export_fields=("description", "owner", "due_on", "status"),
        erasure=Erasure.ANONYMISE,
        blank={"description": REDACTED, "owner": REDACTED},
        retention=_after_close("pathway__"),
        why=_("Status på planens handlinger tælles; beskrivelse og ansvarlig fjernes."),
    )
)

registry.register(
    PersonalData(
        model=Meeting,
        citizen_path="pathway__citizen",
        export_fields=("held_on", "with_citizen", "agenda", "minutes", "other_participants"),
        erasure=Erasure.ANONYMISE,
        blank={"agenda": "", "minutes": "", "other_participants": ""},
        retention=_after_close("pathway__"),
        why=_(
            "Møderne bærer borgerens vurderinger og læringsopsamlinger og bevares; dagsorden, "
            "referat og deltagernavne fjernes."
        ),
    )
)

registry.register(
    PersonalData(
        model=LearningCapture,
        citizen_path="meeting__pathway__citizen",
        export_fields=("what_worked", "what_next", "perspective"),
        erasure=Erasure.ANONYMISE,
        screen=("what_worked", "what_next"),
        retention=_after_close("meeting__pathway__"),
        why=_(
            "Læringsopsamlingen er medarbejdernes læring og indgår i workshoppenes temaer; den "
            "bevares, men borgerens navn, e-mail, telefon og CPR-lignende numre maskeres."
        ),
    )
)

registry.register(
    PersonalData(
        model=MeetingRating,
        citizen_path="meeting__pathway__citizen",
        export_fields=("heard", "what_matters", "way_of_working", "overall", "comment"),
        erasure=Erasure.ANONYMISE,
        blank={"comment": ""},
        retention=_after_close("meeting__pathway__"),
        why=_(
            "Tallene (0–10) indgår i teamets kørselsdiagram og gennemsnit og bevares; "
            "kommentaren fjernes."
        ),
    )
)

registry.register(
    PersonalData(
        model=RatingHandover,
        citizen_path="meeting__pathway__citizen",
        export_fields=("created_at", "used_at"),
        erasure=Erasure.DELETE,
        retention=Retention("created_at", 30, _("Slettes 30 dage efter udlevering.")),
        why=_("Engangsnøgler til vurderingsskærmen; ingen rapport tæller dem."),
    )
)
