"""The round's wrap-up report (answers side by side, gaps, averages, chart) and aggregates."""

from dataclasses import dataclass

import numpy as np

from .models import EVALUATION_QUESTIONS, PartnershipState, Party

#: Groups smaller than this are suppressed in researchers' aggregates.
MIN_GROUP = 5

CHART_WIDTH, BAR_HEIGHT, LABEL_WIDTH = 640, 14, 0


@dataclass
class PairAnswers:
    partnership: object
    expert: list[int]
    leader: list[int]

    @property
    def rows(self):
        labels = [str(label) for _key, label in EVALUATION_QUESTIONS]
        return list(zip(labels, self.expert, self.leader, self.gaps, strict=True))

    @property
    def gaps(self) -> list[int]:
        """Expert minus leader per question: negative means the expert rated it lower."""
        return [e - lead for e, lead in zip(self.expert, self.leader, strict=True)]


def evaluation_report(partnerships):
    """Pairs where both parties have answered; the other answers stay private until then."""
    pairs = []
    for partnership in partnerships:
        by_party = {e.party: e for e in partnership.evaluations.all()}
        if len(by_party) == 2:
            pairs.append(
                PairAnswers(
                    partnership, by_party[Party.EXPERT].answers(), by_party[Party.LEADER].answers()
                )
            )
    questions = [str(label) for _key, label in EVALUATION_QUESTIONS]
    if pairs:
        expert = np.array([p.expert for p in pairs], dtype=float)
        leader = np.array([p.leader for p in pairs], dtype=float)
        expert_mean = expert.mean(axis=0).round(2).tolist()
        leader_mean = leader.mean(axis=0).round(2).tolist()
    else:
        expert_mean = leader_mean = [None] * len(questions)
    averages = [
        {
            "question": q,
            "expert": e,
            "leader": lead,
            "gap": None if e is None else round(e - lead, 2),
        }
        for q, e, lead in zip(questions, expert_mean, leader_mean, strict=True)
    ]
    return {"pairs": pairs, "questions": questions, "averages": averages, "chart": _chart(averages)}


def _chart(averages):
    """Horizontal bars on a 1–5 scale, expert and leader per question, as plain SVG numbers."""
    left, right, top, group = 16, 24, 12, 2 * BAR_HEIGHT + 34
    scale_width = CHART_WIDTH - left - right
    rows = []
    for i, row in enumerate(averages):
        y = top + i * group
        bars = []
        for j, key in enumerate(("expert", "leader")):
            value = row[key]
            width = 0 if value is None else round(scale_width * value / 5, 1)
            bars.append(
                {"key": key, "value": value, "y": y + 16 + j * (BAR_HEIGHT + 2), "width": width}
            )
        rows.append({"label": row["question"], "label_y": y + 10, "bars": bars})
    ticks = [{"value": v, "x": round(left + scale_width * v / 5, 1)} for v in range(0, 6)]
    return {
        "width": CHART_WIDTH,
        "height": top + len(averages) * group + 20,
        "left": left,
        "rows": rows,
        "ticks": ticks,
        "axis_y": top + len(averages) * group + 4,
    }


def phase_counts(partnerships_by_round):
    """Researchers' view: partnerships per round and phase; groups under MIN_GROUP suppressed."""
    rows = []
    for round_, counts in partnerships_by_round:
        cells = []
        for state in PartnershipState:
            n = counts.get(state.value, 0)
            cells.append(None if 0 < n < MIN_GROUP else n)
        total = sum(counts.values())
        rows.append(
            {"round": round_, "cells": cells, "total": None if 0 < total < MIN_GROUP else total}
        )
    return rows
