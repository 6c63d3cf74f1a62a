"""Model behaviour: the involvement strip flags passed phases without citizens."""

import pytest
from django.utils import timezone

from samskab.innovation import actions
from samskab.innovation.models import Participants, Phase
from samskab.innovation.progress import involvement_strip

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_involvement_strip_flags_passed_phase_without_citizens():
    project = ProjectFactory()
    for _ in range(2):
        actions.record_gate_decision(
            by=None,
            project=project,
            outcome="go",
            decided_on=timezone.localdate(),
            decision_makers="Styregruppen",
        )
        project.refresh_from_db()
    for phase, participants in [
        (Phase.KICKOFF, Participants.BOTH),
        (Phase.IDEATION, Participants.FRONTLINE),
    ]:
        actions.record_involvement(
            by=None,
            project=project,
            data={
                "phase": phase,
                "held_on": timezone.localdate(),
                "activity": "Værksted",
                "participants": participants,
                "what_changed": "Noget",
            },
        )
    strip = involvement_strip(project, list(project.involvements.all()))
    assert [item.lacks_citizens for item in strip] == [False, True, False, False, False]
    assert [item.activities for item in strip] == [1, 1, 0, 0, 0]


def test_project_phase_number():
    assert ProjectFactory().phase_number == 1
