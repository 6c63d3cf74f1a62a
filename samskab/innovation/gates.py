"""The phase-gate state machine: the one place that says which gate decisions are legal.

A project sits in one of the five phases with a status (active, on hold, stopped). At a gate
the steering group decides go, hold, stop or back; `next_state` answers the new phase and
status, or raises `IllegalMoveError` with a Danish message saying what to do instead.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import PHASES, GateOutcome, Phase, ProjectStatus, phase_index


class IllegalMoveError(ValidationError):
    """A gate decision the state machine does not allow; nothing is changed."""


@dataclass(frozen=True)
class State:
    phase: str
    status: str


def next_state(state: State, outcome: str, to_phase: str | None = None) -> State:
    if state.status == ProjectStatus.STOPPED:
        raise IllegalMoveError(
            _(
                "Projektet er stoppet, så der kan ikke træffes flere gatebeslutninger. "
                "Opret et nyt projekt, hvis I vil tage idéen op igen."
            )
        )
    current = phase_index(state.phase)
    if outcome != GateOutcome.BACK and to_phase:
        raise IllegalMoveError(
            _("Vælg kun en fase, når beslutningen er “tilbage til en tidligere fase”.")
        )
    if outcome == GateOutcome.GO:
        if current == len(PHASES) - 1:
            raise IllegalMoveError(
                _(
                    "Projektet er i sidste fase (Skalering), og der er ingen gate efter den. "
                    "Vælg pause eller stop, eller registrér udbredelsen i stedet."
                )
            )
        return State(PHASES[current + 1].value, ProjectStatus.ACTIVE)
    if outcome == GateOutcome.HOLD:
        if state.status == ProjectStatus.ON_HOLD:
            raise IllegalMoveError(
                _("Projektet er allerede sat på pause. Vælg videre, tilbage eller stop.")
            )
        return State(state.phase, ProjectStatus.ON_HOLD)
    if outcome == GateOutcome.STOP:
        return State(state.phase, ProjectStatus.STOPPED)
    if outcome == GateOutcome.BACK:
        if not to_phase or to_phase not in Phase.values:
            raise IllegalMoveError(_("Vælg den fase, projektet skal tilbage til."))
        if phase_index(to_phase) >= current:
            raise IllegalMoveError(
                _(
                    "Et projekt kan kun sendes tilbage til en tidligere fase. "
                    "Vælg en fase før %(phase)s."
                )
                % {"phase": Phase(state.phase).label}
            )
        return State(to_phase, ProjectStatus.ACTIVE)
    raise IllegalMoveError(_("Ukendt beslutning. Vælg videre, pause, stop eller tilbage."))


def allowed_outcomes(state: State) -> list[str]:
    """The outcomes the gate form offers for this state."""
    allowed = []
    for outcome in GateOutcome:
        to_phase = PHASES[0].value if outcome == GateOutcome.BACK else None
        try:
            next_state(state, outcome, to_phase)
        except IllegalMoveError:
            continue
        allowed.append(outcome.value)
    return allowed
