"""The numbers behind the compass and readiness pages: aggregation, gaps, verdicts, radar.

Two rules keep one person's answers from being worked out:
- Results exist only for a closed round. While a round is open, answers still arrive one
  at a time, so comparing the result before and after one answer would reveal it; an open
  round therefore gives the number of respondents per group and nothing computed from the
  scores (not even internally). A round cannot be reopened, so a closed round's result
  never changes again.
- Compass groups with fewer than MIN_RESPONDENTS respondents are never shown separately:
  with two leaders, each can work out the other's answers.
"""

import math
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Avg, Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import QUESTIONS, SUPPORTS, Answer, CompassAnswer, RespondentRole

MIN_RESPONDENTS = 3
ROLES = [RespondentRole.LEADER, RespondentRole.EMPLOYEE]


@dataclass
class GroupScore:
    mean: float | None  # None when hidden or no answers
    n: int
    is_hidden: bool = False


@dataclass
class SupportResult:
    support: object
    groups: dict  # role -> GroupScore
    previous: dict = field(default_factory=dict)  # role -> GroupScore (previous round)

    @property
    def leader(self):
        return self.groups[RespondentRole.LEADER]

    @property
    def employee(self):
        return self.groups[RespondentRole.EMPLOYEE]

    @property
    def gap(self) -> float | None:
        """Leaders' mean minus employees' mean (positive: leaders see it as stronger)."""
        if self.leader.mean is None or self.employee.mean is None:
            return None
        return self.leader.mean - self.employee.mean

    def change(self, role) -> float | None:
        now, before = self.groups[role], self.previous.get(role)
        if before is None or now.mean is None or before.mean is None:
            return None
        return now.mean - before.mean

    @property
    def leader_change(self):
        return self.change(RespondentRole.LEADER)

    @property
    def employee_change(self):
        return self.change(RespondentRole.EMPLOYEE)


@dataclass
class CompassResult:
    supports: list[SupportResult]
    respondents: dict  # role -> number of respondents
    hidden_roles: list
    previous_round: object = None
    #: False while the round is open: only `respondents` then means anything.
    is_shown: bool = True

    def largest_gaps(self, count=3):
        with_gap = [s for s in self.supports if s.gap is not None]
        return sorted(with_gap, key=lambda s: (-abs(s.gap), SUPPORTS.index(s.support)))[:count]


def _respondents(round_) -> dict:
    """{role: number of respondents}, for every role, in one query."""
    counts = dict(
        round_.responses.values_list("role").annotate(n=Count("pk")).values_list("role", "n")
    )
    return {role: counts.get(role, 0) for role in ROLES}


def _group_scores(round_, respondents) -> dict:
    """{(role, support): GroupScore} of a closed round, in one query."""
    rows = (
        CompassAnswer.objects.filter(response__round=round_)
        .values("response__role", "support")
        .annotate(mean=Avg("score"), n=Count("pk"))
    )
    scores = {}
    for row in rows:
        role = row["response__role"]
        hidden = respondents.get(role, 0) < MIN_RESPONDENTS
        scores[(role, row["support"])] = GroupScore(
            mean=None if hidden else float(row["mean"]), n=row["n"], is_hidden=hidden
        )
    return scores


def _hidden_roles(respondents) -> list:
    return [role for role in ROLES if respondents.get(role, 0) < MIN_RESPONDENTS]


def compass_result(round_) -> CompassResult:
    respondents = _respondents(round_)
    if round_.is_open:
        # Counts only: the scores are not read until the round is closed.
        supports = [
            SupportResult(
                support=support,
                groups={
                    role: GroupScore(mean=None, n=respondents[role], is_hidden=True)
                    for role in ROLES
                },
            )
            for support in SUPPORTS
        ]
        return CompassResult(
            supports=supports,
            respondents=respondents,
            hidden_roles=_hidden_roles(respondents),
            is_shown=False,
        )
    scores = _group_scores(round_, respondents)
    previous_round = round_.previous()
    if previous_round is not None and previous_round.is_open:
        previous_round = None  # an open round has no result to compare with
    previous_scores = (
        _group_scores(previous_round, _respondents(previous_round)) if previous_round else {}
    )
    empty = GroupScore(mean=None, n=0, is_hidden=True)
    supports = []
    for support in SUPPORTS:
        groups = {role: scores.get((role, support.value), empty) for role in ROLES}
        previous = {
            role: previous_scores[(role, support.value)]
            for role in ROLES
            if (role, support.value) in previous_scores
        }
        supports.append(SupportResult(support=support, groups=groups, previous=previous))
    return CompassResult(
        supports=supports,
        respondents=respondents,
        hidden_roles=_hidden_roles(respondents),
        previous_round=previous_round,
    )


def comments(round_, result: CompassResult) -> list:
    """[(support, [(role, [comment, …])])] for shown groups of a closed round only, sorted so
    that the order says nothing about who answered when."""
    if not result.is_shown:
        return []
    shown = [role for role in ROLES if role not in result.hidden_roles]
    rows = (
        CompassAnswer.objects.filter(response__round=round_)
        .exclude(comment="")
        .values_list("support", "response__role", "comment")
    )
    grouped = {}
    for support, role, comment in rows:
        if role not in shown:
            continue
        grouped.setdefault(support, {}).setdefault(role, []).append(comment)
    return [
        (
            support,
            [
                (role, sorted(grouped[support.value][role]))
                for role in ROLES
                if role in grouped[support.value]
            ],
        )
        for support in SUPPORTS
        if support.value in grouped
    ]


# Radar chart ----------------------------------------------------------------------

RADAR_SIZE = 420
RADAR_RADIUS = 150
SCALE_MAX = 5


def _point(index, value, count=None):
    count = count or len(SUPPORTS)
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADAR_RADIUS * value / SCALE_MAX
    centre = RADAR_SIZE / 2
    return round(centre + r * math.cos(angle), 1), round(centre + r * math.sin(angle), 1)


def _points(values):
    return " ".join(f"{x},{y}" for x, y in (_point(i, v) for i, v in enumerate(values)))


def radar(result: CompassResult) -> dict:
    """Coordinates for an inline-SVG radar chart of leaders' and employees' means."""
    rings = [_points([level] * len(SUPPORTS)) for level in range(1, SCALE_MAX + 1)]
    axes = []
    for i, _support in enumerate(SUPPORTS):
        x, y = _point(i, SCALE_MAX)
        lx, ly = _point(i, SCALE_MAX + 0.45)
        anchor = (
            "middle"
            if abs(lx - RADAR_SIZE / 2) < 5
            else ("start" if lx > RADAR_SIZE / 2 else "end")
        )
        axes.append({"x": x, "y": y, "lx": lx, "ly": ly, "anchor": anchor, "number": i + 1})
    series = []
    for role, css in ((RespondentRole.LEADER, "leader"), (RespondentRole.EMPLOYEE, "employee")):
        means = [s.groups[role].mean for s in result.supports]
        if all(m is not None for m in means):
            series.append({"label": role.label, "css": css, "points": _points(means)})
    return {
        "size": RADAR_SIZE,
        "centre": RADAR_SIZE / 2,
        "rings": rings,
        "axes": axes,
        "series": series,
    }


# Readiness to spread --------------------------------------------------------------

#: What to do about each condition when it is not in place, in the report's words.
ADVICE = {
    "advantage": gettext_lazy(
        "Find fagpersoner og ledere, der kan se fordelene, og lad dem være med til at tilpasse "
        "redskaberne – ejerskab kommer af involvering."
    ),
    "values": gettext_lazy(
        "Arbejd med værdierne bag borgerinddragelsen, før redskaberne tages i brug."
    ),
    "backing": gettext_lazy(
        "Sikr opbakning fra topledelse og det politiske niveau til kursændringen."
    ),
    "conditions": gettext_lazy(
        "Afklar lovgrundlag, opgaver, arbejdsrutiner og ressourcer – afsæt tid til oplæring, "
        "trinvis afprøvning og kompetenceudvikling."
    ),
}

POINTS = {Answer.YES: 2, Answer.PARTLY: 1, Answer.NO: 0}


@dataclass
class ReadinessResult:
    points: int
    max_points: int
    speaks_for: list  # (question, evidence)
    speaks_against: list  # (question, answer, evidence)
    priorities: list  # (question, answer, advice) — no before partly, report order within
    verdict: str
    level: str  # success / warning / error, for the DKFDS alert


def readiness_result(assessment) -> ReadinessResult:
    answers = assessment.answers()
    points = int(np.sum([POINTS[answer] for _q, answer, _e in answers]))
    speaks_for = [(q, e) for q, a, e in answers if a == Answer.YES]
    speaks_against = [(q, a, e) for q, a, e in answers if a != Answer.YES]
    priorities = [
        (q, a, ADVICE[q.value])
        for wanted in (Answer.NO, Answer.PARTLY)
        for q, a, _e in answers
        if a == wanted
    ]
    noes = sum(1 for _q, a, _e in answers if a == Answer.NO)
    max_points = 2 * len(QUESTIONS)
    if points == max_points:
        verdict, level = (
            _("Alt taler for at sprede modellen. Indfør den trinvist alligevel."),
            "success",
        )
    elif noes == 0 and points >= max_points - 2:
        verdict, level = (
            _(
                "Meget taler for at sprede modellen. "
                "Arbejd med de delvist opfyldte forhold undervejs."
            ),
            "success",
        )
    elif noes <= 1 and points >= max_points // 2:
        verdict, level = (
            _(
                "Der er et grundlag, men vigtige forhold mangler. "
                "Adressér dem, før modellen spredes."
            ),
            "warning",
        )
    else:
        verdict, level = (
            _("Det meste taler imod at sprede modellen nu. Sæt forholdene på plads først."),
            "error",
        )
    return ReadinessResult(
        points, max_points, speaks_for, speaks_against, priorities, verdict, level
    )
