"""Equal partnerships' personal data: the expert's registration, the partnership, its
meetings, payments, reflections, evaluations, invitations and matching constraints."""

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
    ExperienceExpert,
    GatheringInvitation,
    MatchConstraint,
    Partnership,
    PartnershipMeeting,
    Party,
    Payment,
    Reflection,
    WrapUpEvaluation,
)

VIA_EXPERT = "partnership__expert__citizen"
FIVE_YEARS = 5 * 365 + 1
PARTNERSHIP = ConsentPurpose.PARTNERSHIP


def _writes(*names: str) -> tuple[Writer, ...]:
    return tuple(Writer(f"samskab.partnerships.actions.{name}") for name in names)


registry.register(
    PersonalData(
        model=ExperienceExpert,
        consent_purpose=PARTNERSHIP,
        writers=_writes("register_expert", "review_candidate"),
        citizen_path="citizen",
        export_fields=(
            "round",
            "status",
            "has_timing",
            "has_desire",
            "understands_not_treatment",
            "motivation",
            "accessibility_needs",
            "created_at",
        ),
        erasure=Erasure.ANONYMISE,
        blank={"motivation": REDACTED, "accessibility_needs": REDACTED},
        why=_(
            "Tilmeldingen tælles i rundens oversigter og bevares; motivation og hensyn "
            "(fritekst) fjernes."
        ),
    )
)

registry.register(
    PersonalData(
        model=Partnership,
        consent_purpose=PARTNERSHIP,
        # `transition` lets a facilitator or party decline or end the partnership early after
        # a withdrawal (that ends processing); every other event needs the consent.
        writers=_writes("confirm_matching", "transition", "record_kickoff"),
        citizen_path="expert__citizen",
        export_fields=("round", "state", "agreement", "shared_task", "kickoff_on", "state_reason"),
        erasure=Erasure.ANONYMISE,
        blank={"agreement": REDACTED, "shared_task": REDACTED, "state_reason": REDACTED},
        retention=Retention(
            "created_at", FIVE_YEARS, _("Fritekst anonymiseres fem år efter start.")
        ),
        why=_(
            "Partnerskabet tælles i rapporter og betalinger og bevares; aftale, fælles opgave "
            "og begrundelser (fritekst) fjernes."
        ),
    )
)

registry.register(
    PersonalData(
        model=PartnershipMeeting,
        consent_purpose=PARTNERSHIP,
        writers=_writes("register_meeting"),
        citizen_path=VIA_EXPERT,
        export_fields=(
            "activity",
            "activity_text",
            "held_on",
            "starts_at",
            "place",
            "duration_hours",
        ),
        erasure=Erasure.ANONYMISE,
        blank={"activity_text": "", "place": REDACTED},
        retention=Retention(
            "held_on", FIVE_YEARS, _("Sted og beskrivelse anonymiseres fem år efter mødet.")
        ),
        why=_("Møder og timer tælles i rapporter og betalinger; sted og beskrivelse fjernes."),
    )
)

registry.register(
    PersonalData(
        model=Payment,
        consent_purpose=PARTNERSHIP,
        writers=(
            *_writes("register_meeting"),
            Writer(
                "samskab.partnerships.actions.mark_paid",
                Guard.NONE,
                why=_(
                    "Honoraret for holdte møder skyldes erfaringseksperten; udbetalingen er en "
                    "retlig forpligtelse (bogføringsloven), ikke behandling på samtykke, og "
                    "sker også efter tilbagetrækning og under begrænsning."
                ),
            ),
        ),
        citizen_path=VIA_EXPERT,
        export_fields=("hours", "rate", "amount", "month", "is_paid", "paid_at"),
        erasure=Erasure.KEEP,
        why=_(
            "Udbetalinger er regnskabsmateriale, som skal opbevares i fem år "
            "(bogføringsloven; GDPR art. 17, stk. 3, litra b). De rummer kun beløb og datoer."
        ),
    )
)

registry.register(
    PersonalData(
        model=Reflection,
        consent_purpose=PARTNERSHIP,
        writers=_writes("write_reflection"),
        citizen_path=VIA_EXPERT,
        export_fields=("party", "text", "perspective", "created_at"),
        export_filter={"party": Party.EXPERT},
        erasure=Erasure.ANONYMISE,
        blank={"text": REDACTED},
        retention=Retention("created_at", FIVE_YEARS, _("Teksten anonymiseres efter fem år.")),
        why=_(
            "Refleksionerne tælles i indsigternes perspektivbalance og bevares; teksten, der "
            "beskriver borgerens erfaringer, fjernes."
        ),
    )
)

registry.register(
    PersonalData(
        model=WrapUpEvaluation,
        consent_purpose=PARTNERSHIP,
        writers=_writes("submit_evaluation"),
        citizen_path=VIA_EXPERT,
        export_fields=(
            "party",
            "q_equal",
            "q_heard",
            "q_own_terms",
            "q_insight",
            "q_value",
            "what_worked",
            "what_was_unequal",
            "what_next",
        ),
        export_filter={"party": Party.EXPERT},
        erasure=Erasure.ANONYMISE,
        blank={"what_worked": "", "what_was_unequal": "", "what_next": ""},
        why=_("Svarene (1–5) indgår i rundens gennemsnit og bevares; fritekstsvarene fjernes."),
    )
)

registry.register(
    PersonalData(
        model=GatheringInvitation,
        consent_purpose=PARTNERSHIP,
        writers=(
            Writer("samskab.partnerships.actions.create_gathering", leaves_out=True),
            *_writes("record_reply"),
        ),
        citizen_path="citizen",
        export_fields=("gathering", "reply", "replied_at"),
        erasure=Erasure.DELETE,
        retention=Retention("gathering__held_on", 365, _("Slettes et år efter samlingen.")),
        why=_("Invitationslister bruges kun til at invitere; ingen rapport tæller dem."),
    )
)

registry.register(
    PersonalData(
        model=MatchConstraint,
        consent_purpose=PARTNERSHIP,
        writers=(
            *_writes("add_constraint"),
            Writer(
                "samskab.partnerships.actions.remove_constraint",
                Guard.RESTRICTION,
                why=_(
                    "Fjerner kun en regel for matchningen; under en begrænsning må intet "
                    "slettes, fordi oplysningerne skal opbevares uændret."
                ),
            ),
        ),
        citizen_path="expert__citizen",
        export_fields=("kind", "reason"),
        erasure=Erasure.DELETE,
        why=_("Bruges kun under matchningen; ingen rapport tæller dem."),
    )
)
