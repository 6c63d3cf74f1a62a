"""Involvement across the five phases: which passed phases had no citizens taking part."""

from dataclasses import dataclass

from .models import PHASES, phase_index


@dataclass
class PhaseInvolvement:
    phase: object
    activities: int
    with_citizens: int
    is_passed: bool

    @property
    def lacks_citizens(self) -> bool:
        """A phase the project has passed without any citizen taking part."""
        return self.is_passed and not self.with_citizens


def involvement_strip(project, involvements) -> list[PhaseInvolvement]:
    current = phase_index(project.phase)
    strip = []
    for i, phase in enumerate(PHASES):
        rows = [inv for inv in involvements if inv.phase == phase]
        strip.append(
            PhaseInvolvement(
                phase=phase,
                activities=len(rows),
                with_citizens=sum(1 for inv in rows if inv.includes_citizens),
                is_passed=i < current,
            )
        )
    return strip
