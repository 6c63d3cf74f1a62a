"""Citizen pathways' personal data: the pathway, its actors, plan, meetings, learning
captures, the citizen's ratings and rating hand-overs."""

from django.utils.translation import gettext_lazy as _

from samskab.people.models import ConsentPurpose
from samskab.privacy.registry import (
    REDACTED,
    Erasure,
    Guard,
    PersonalData,
    Retention,
    Writer,
    registry,
)

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
PATHWAY = ConsentPurpose.PATHWAY


def _writes(*names: str) -> tuple[Writer, ...]:
    return tuple(Writer(f"samskab.pathways.actions.{name}") for name in names)


def _after_close(path: str) -> Retention:
    return Retention(
        f"{path}closed_on", FIVE_YEARS, _("Anonymiseres fem år efter, at forløbet er afsluttet.")
    )


registry.register(
    PersonalData(
        model=Pathway,
        consent_purpose=PATHWAY,
        writers=(
            *_writes("open_pathway", "update_pathway_goals"),
            Writer(
                "samskab.pathways.actions.close_pathway",
                Guard.RESTRICTION,
                why=_(
                    "Afslutningen stopper behandlingen og skal kunne ske, når samtykket er "
                    "trukket tilbage. Under en begrænsning afvises den, fordi afslutningen "
                    "starter opbevaringsfristen."
                ),
            ),
        ),
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
        consent_purpose=PATHWAY,
        writers=_writes("add_actor"),
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
        consent_purpose=PATHWAY,
        writers=_writes("add_plan_action", "set_plan_action_status"),
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
        consent_purpose=PATHWAY,
        writers=_writes("record_meeting"),
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
        consent_purpose=PATHWAY,
        writers=_writes("record_learning_capture"),
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
        consent_purpose=PATHWAY,
        writers=_writes("submit_meeting_rating"),
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
        consent_purpose=PATHWAY,
        writers=(
            *_writes("start_rating_handover"),
            Writer(
                "samskab.pathways.actions.skip_meeting_rating",
                Guard.NONE,
                why=_(
                    "At springe over gemmer intet om borgeren; det lukker kun skærmen, så "
                    "enheden altid kan gives tilbage."
                ),
            ),
        ),
        citizen_path="meeting__pathway__citizen",
        export_fields=("created_at", "used_at"),
        erasure=Erasure.DELETE,
        retention=Retention("created_at", 30, _("Slettes 30 dage efter udlevering.")),
        why=_("Engangsnøgler til vurderingsskærmen; ingen rapport tæller dem."),
    )
)
