"""The phase-gate state machine: every legal and illegal move."""

import pytest

from samskab.innovation.gates import IllegalMoveError, State, allowed_outcomes, next_state
from samskab.innovation.models import GateOutcome, Phase, ProjectStatus

ACTIVE = ProjectStatus.ACTIVE


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (Phase.KICKOFF, Phase.IDEATION),
        (Phase.IDEATION, Phase.PROTOTYPING),
        (Phase.PROTOTYPING, Phase.MATURATION),
        (Phase.MATURATION, Phase.SCALING),
    ],
)
def test_go_moves_to_the_next_phase(phase, expected):
    assert next_state(State(phase, ACTIVE), GateOutcome.GO) == State(expected, ACTIVE)


def test_go_from_hold_resumes_the_project():
    state = State(Phase.IDEATION, ProjectStatus.ON_HOLD)
    assert next_state(state, GateOutcome.GO) == State(Phase.PROTOTYPING, ACTIVE)


def test_go_from_scaling_is_refused_with_a_danish_message():
    with pytest.raises(IllegalMoveError, match="sidste fase"):
        next_state(State(Phase.SCALING, ACTIVE), GateOutcome.GO)


def test_hold_keeps_the_phase():
    assert next_state(State(Phase.IDEATION, ACTIVE), GateOutcome.HOLD) == State(
        Phase.IDEATION, ProjectStatus.ON_HOLD
    )


def test_hold_twice_is_refused():
    with pytest.raises(IllegalMoveError, match="allerede sat på pause"):
        next_state(State(Phase.IDEATION, ProjectStatus.ON_HOLD), GateOutcome.HOLD)


def test_stop_stops_and_nothing_follows_a_stop():
    stopped = next_state(State(Phase.PROTOTYPING, ACTIVE), GateOutcome.STOP)
    assert stopped == State(Phase.PROTOTYPING, ProjectStatus.STOPPED)
    for outcome in GateOutcome:
        with pytest.raises(IllegalMoveError, match="stoppet"):
            next_state(stopped, outcome, Phase.KICKOFF if outcome == GateOutcome.BACK else None)


def test_back_goes_to_an_earlier_phase():
    assert next_state(State(Phase.MATURATION, ACTIVE), GateOutcome.BACK, Phase.IDEATION) == State(
        Phase.IDEATION, ACTIVE
    )


@pytest.mark.parametrize("to_phase", [Phase.PROTOTYPING, Phase.MATURATION])
def test_back_to_the_same_or_a_later_phase_is_refused(to_phase):
    with pytest.raises(IllegalMoveError, match="tidligere fase"):
        next_state(State(Phase.PROTOTYPING, ACTIVE), GateOutcome.BACK, to_phase)


def test_back_without_a_phase_is_refused():
    with pytest.raises(IllegalMoveError, match="Vælg den fase"):
        next_state(State(Phase.PROTOTYPING, ACTIVE), GateOutcome.BACK)


def test_back_from_the_first_phase_is_refused():
    with pytest.raises(IllegalMoveError):
        next_state(State(Phase.KICKOFF, ACTIVE), GateOutcome.BACK, Phase.KICKOFF)


def test_a_phase_with_go_is_refused():
    with pytest.raises(IllegalMoveError, match="Vælg kun en fase"):
        next_state(State(Phase.KICKOFF, ACTIVE), GateOutcome.GO, Phase.SCALING)


def test_unknown_outcome_is_refused():
    with pytest.raises(IllegalMoveError):
        next_state(State(Phase.KICKOFF, ACTIVE), "jump")


def test_allowed_outcomes():
    assert allowed_outcomes(State(Phase.KICKOFF, ACTIVE)) == ["go", "hold", "stop"]
    assert allowed_outcomes(State(Phase.SCALING, ACTIVE)) == ["hold", "stop", "back"]
    assert allowed_outcomes(State(Phase.KICKOFF, ProjectStatus.STOPPED)) == []
