"""The partnership's state machine, in one place: which event moves which state, and guards.

    proposed --confirm--> kickoff --hold_kickoff--> meetings --start_wrapup--> wrapup
    wrapup --complete--> completed;  proposed --decline (party, reason)--> declined
    kickoff/meetings --pause (reason)--> paused --resume--> the state before the pause
    any active state --end_early (facilitator, reason)--> ended_early

Actions call `apply()`; it changes the partnership in memory only after every guard passed,
so an illegal transition changes nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Partnership, PartnershipState, Party

S = PartnershipState


class IllegalTransitionError(ValidationError):
    """The event is not allowed from the partnership's current state, or a guard failed."""


class WrapUpWarningError(ValidationError):
    """Starting the wrap-up is allowed but needs the facilitator's explicit go-ahead."""


@dataclass(frozen=True)
class Event:
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: back to the state before the pause
    needs_reason: bool = False


EVENTS = {
    "confirm": Event(gettext_lazy("bekræftes"), (S.PROPOSED,), S.KICKOFF),
    "decline": Event(gettext_lazy("afslås"), (S.PROPOSED,), S.DECLINED, needs_reason=True),
    "hold_kickoff": Event(gettext_lazy("gå i gang med møderne"), (S.KICKOFF,), S.MEETINGS),
    "start_wrapup": Event(gettext_lazy("gå til afrunding"), (S.MEETINGS,), S.WRAPUP),
    "complete": Event(gettext_lazy("afsluttes"), (S.WRAPUP,), S.COMPLETED),
    "pause": Event(
        gettext_lazy("sættes på pause"), (S.KICKOFF, S.MEETINGS), S.PAUSED, needs_reason=True
    ),
    "resume": Event(gettext_lazy("genoptages"), (S.PAUSED,), None),
    "end_early": Event(
        gettext_lazy("afbrydes"),
        (S.PROPOSED, S.KICKOFF, S.MEETINGS, S.WRAPUP, S.PAUSED),
        S.ENDED_EARLY,
        needs_reason=True,
    ),
}


def allowed_events(partnership: Partnership) -> list[str]:
    return [name for name, event in EVENTS.items() if partnership.state in event.sources]


def wrapup_warnings(partnership: Partnership, meeting_count: int, today=None) -> list[str]:
    today = today or timezone.localdate()
    warnings = []
    expected = partnership.round.expected_meetings_min
    if meeting_count < expected:
        warnings.append(
            _("Der er kun holdt %(held)s møder, men der var forventet mindst %(expected)s.")
            % {"held": meeting_count, "expected": expected}
        )
    if today > partnership.round.ends_on:
        warnings.append(
            _("Perioden sluttede %(date)s, så afrundingen kommer senere end planlagt.")
            % {"date": partnership.round.ends_on.strftime("%d.%m.%Y")}
        )
    return warnings


def _guard(partnership, name, *, reason, accept_warnings, today):
    if name == "hold_kickoff" and not (
        partnership.agreement.strip() and partnership.shared_task.strip()
    ):
        raise IllegalTransitionError(
            _(
                "Opstarten kan ikke registreres uden jeres aftale og det fælles tredje. "
                "Skriv begge dele og prøv igen."
            )
        )
    if name == "start_wrapup" and not accept_warnings:
        warnings = wrapup_warnings(partnership, partnership.meetings.count(), today)
        if warnings:
            raise WrapUpWarningError(warnings)
    if name == "complete":
        parties = set(partnership.evaluations.values_list("party", flat=True))
        if parties != {Party.EXPERT, Party.LEADER}:
            raise IllegalTransitionError(
                _(
                    "Partnerskabet kan først afsluttes, når både erfaringseksperten og lederen "
                    "har besvaret afrundingsevalueringen."
                )
            )


def apply(partnership: Partnership, name: str, *, by, reason="", accept_warnings=False, today=None):
    """Move the partnership by event `name`, or raise and leave it untouched."""
    event = EVENTS.get(name)
    if event is None:
        raise IllegalTransitionError(_("Ukendt handling. Gå tilbage og prøv igen."))
    if partnership.state not in event.sources:
        allowed = ", ".join(f"«{PartnershipState(s).label}»" for s in event.sources)
        raise IllegalTransitionError(
            _(
                "Partnerskabet er i fasen «%(state)s» og kan ikke %(event)s nu. "
                "Det kan kun ske fra %(allowed)s."
            )
            % {"state": partnership.get_state_display(), "event": event.label, "allowed": allowed}
        )
    reason = (reason or "").strip()
    if event.needs_reason and not reason:
        raise IllegalTransitionError(_("Skriv en begrundelse, så alle ved, hvad der er sket."))
    _guard(partnership, name, reason=reason, accept_warnings=accept_warnings, today=today)

    target = event.target or partnership.state_before_pause or S.MEETINGS
    partnership.state_before_pause = partnership.state if target == S.PAUSED else ""
    partnership.state = target
    if event.needs_reason:
        partnership.state_reason = reason
    partnership.state_changed_at = timezone.now()
    partnership.state_changed_by = by
    return partnership
