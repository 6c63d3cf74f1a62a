"""Compass aggregation and the readiness verdict against hand-computed examples; an open
round's result holds counts only."""

import pytest

from samskab.compass import results
from samskab.compass.models import RespondentRole, Support
from samskab.core.tests.dates import days_ago

from .factories import CompassRoundFactory, ReadinessAssessmentFactory, answer

pytestmark = pytest.mark.django_db
L, E = RespondentRole.LEADER, RespondentRole.EMPLOYEE


def _by_support(result):
    return {s.support: s for s in result.supports}


def closed_round(**kwargs):
    """Results exist only for closed rounds; `answer` adds responses directly either way."""
    return CompassRoundFactory(is_open=False, **kwargs)


def test_means_counts_and_gaps_per_support():
    round_ = closed_round()
    answer(round_, [5, 4, 3, 4, 2, 1], L)
    answer(round_, [4, 4, 3, 4, 2, 1], L)
    answer(round_, [3, 4, 3, 4, 5, 1], L)
    answer(round_, [2, 4, 3, 2, 3, 5], E)
    answer(round_, [3, 4, 3, 2, 3, 5], E)
    answer(round_, [4, 4, 3, 2, 3, 5], E)
    answer(round_, [3, 4, 3, 2, 3, 5], E)
    result = results.compass_result(round_)
    s = _by_support(result)
    # Backing: leaders (5+4+3)/3 = 4.0, employees (2+3+4+3)/4 = 3.0, gap +1.0.
    assert (s[Support.BACKING].leader.mean, s[Support.BACKING].leader.n) == (4.0, 3)
    assert (s[Support.BACKING].employee.mean, s[Support.BACKING].employee.n) == (3.0, 4)
    assert s[Support.BACKING].gap == pytest.approx(1.0)
    # Competence: leaders (2+2+5)/3 = 3.0, employees 3.0: no gap.
    assert s[Support.COMPETENCE].gap == pytest.approx(0.0)
    # Flexibility: leaders 1.0, employees 5.0: gap -4.0; involvement 4.0 vs 2.0: +2.0.
    assert s[Support.FLEXIBILITY].gap == pytest.approx(-4.0)
    gaps = [g.support for g in result.largest_gaps()]
    assert gaps == [Support.FLEXIBILITY, Support.INVOLVEMENT, Support.BACKING]
    assert result.respondents == {L: 3, E: 4}
    assert result.hidden_roles == []


def test_group_below_three_respondents_is_hidden():
    round_ = closed_round()
    answer(round_, [5, 5, 5, 5, 5, 5], L)
    answer(round_, [4, 4, 4, 4, 4, 4], L)
    for _ in range(3):
        answer(round_, [2, 2, 2, 2, 2, 2], E)
    result = results.compass_result(round_)
    backing = _by_support(result)[Support.BACKING]
    assert backing.leader.mean is None and backing.leader.is_hidden
    assert backing.employee.mean == 2.0
    assert backing.gap is None
    assert result.hidden_roles == [L]
    assert result.largest_gaps() == []
    assert [s["css"] for s in results.radar(result)["series"]] == ["employee"]


def test_change_since_the_previous_round_of_the_same_organisation():
    earlier = closed_round(period_start=days_ago(400), period_end=days_ago(370))
    later = closed_round(organisation=earlier.organisation)
    closed_round(period_start=days_ago(200), period_end=days_ago(170))  # elsewhere
    for scores in ([2, 3, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3], [4, 3, 3, 3, 3, 3]):
        answer(earlier, scores, L)
    for scores in ([4, 3, 3, 3, 3, 3], [4, 3, 3, 3, 3, 3], [5, 3, 3, 3, 3, 3]):
        answer(later, scores, L)
    result = results.compass_result(later)
    assert result.previous_round == earlier
    backing = _by_support(result)[Support.BACKING]
    # Before (2+3+4)/3 = 3.0, now (4+4+5)/3 = 4.333…: +1.333…
    assert backing.leader_change == pytest.approx(4 / 3)
    assert backing.employee_change is None
    assert results.compass_result(earlier).previous_round is None


def test_radar_points_lie_on_the_scale():
    round_ = closed_round()
    for _ in range(3):
        answer(round_, [5, 5, 5, 5, 5, 5], L)
    radar = results.radar(results.compass_result(round_))
    centre, radius = radar["centre"], results.RADAR_RADIUS
    first = radar["series"][0]["points"].split()[0]
    # The first axis points straight up: a score of 5 sits at the top of the outer ring.
    assert first == f"{centre},{centre - radius}"


@pytest.mark.parametrize(
    ("answers", "points", "level", "verdict", "first_priority"),
    [
        (("yes", "yes", "yes", "yes"), 8, "success", "Alt taler for", None),
        (("yes", "yes", "partly", "partly"), 6, "success", "Meget taler for", "backing"),
        (("yes", "yes", "yes", "no"), 6, "warning", "Der er et grundlag", "conditions"),
        (("partly", "partly", "partly", "partly"), 4, "warning", "Der er et grundlag", "advantage"),
        (("yes", "partly", "no", "partly"), 4, "warning", "Der er et grundlag", "backing"),
        (("no", "partly", "no", "yes"), 3, "error", "Det meste taler imod", "advantage"),
        (("no", "no", "no", "no"), 0, "error", "Det meste taler imod", "advantage"),
    ],
)
def test_readiness_verdict(answers, points, level, verdict, first_priority):
    advantage, values, backing, conditions = answers
    assessment = ReadinessAssessmentFactory.build(
        advantage=advantage, values=values, backing=backing, conditions=conditions
    )
    result = results.readiness_result(assessment)
    assert (result.points, result.level) == (points, level)
    assert result.verdict.startswith(verdict)
    assert len(result.speaks_for) == answers.count("yes")
    assert len(result.speaks_against) == 4 - answers.count("yes")
    if first_priority is None:
        assert result.priorities == []
    else:
        assert result.priorities[0][0].value == first_priority


def test_priorities_put_no_before_partly_in_the_reports_order():
    assessment = ReadinessAssessmentFactory.build(
        advantage="partly", values="no", backing="yes", conditions="no"
    )
    order = [q.value for q, _a, _advice in results.readiness_result(assessment).priorities]
    assert order == ["values", "conditions", "advantage"]


def test_comments_are_shown_only_for_groups_that_are_shown():
    round_ = closed_round()
    for text in ("Ja", "Bestemt", ""):
        answer(round_, [4] * 6, E, comment=text)
    answer(round_, [4] * 6, L, comment="Kun to ledere")
    answer(round_, [4] * 6, L, comment="Skjult")
    result = results.compass_result(round_)
    comments = results.comments(round_, result)
    assert [support for support, _groups in comments] == list(results.SUPPORTS)
    assert comments[0][1] == [(E, ["Bestemt", "Ja"])]


def test_open_round_gives_counts_per_group_and_reads_no_score(django_assert_num_queries):
    round_ = CompassRoundFactory()
    for _ in range(3):
        answer(round_, [5] * 6, L, comment="Synlig")
        answer(round_, [2] * 6, E, comment="Usynlig")
    answer(round_, [1] * 6, E)
    with django_assert_num_queries(1):  # the counts; no answer row is read
        result = results.compass_result(round_)
    assert not result.is_shown
    assert result.respondents == {L: 3, E: 4}
    assert all(
        group.mean is None and group.is_hidden
        for support in result.supports
        for group in support.groups.values()
    )
    assert _by_support(result)[Support.BACKING].employee.n == 4
    assert result.largest_gaps() == [] and results.radar(result)["series"] == []
    assert results.comments(round_, result) == []
    assert result.previous_round is None


def test_an_open_previous_round_is_not_compared_with():
    earlier = CompassRoundFactory(period_start=days_ago(400), period_end=days_ago(370))
    later = closed_round(organisation=earlier.organisation)
    for _ in range(3):
        answer(earlier, [2] * 6, L)
        answer(later, [4] * 6, L)
    result = results.compass_result(later)
    assert result.previous_round is None
    assert _by_support(result)[Support.BACKING].leader.mean == 4.0
    assert _by_support(result)[Support.BACKING].leader_change is None
