"""Run chart and flags, checked by hand."""

import datetime

import pytest
from django.test import override_settings

from samskab.core.tests.dates import days_ago
from samskab.pathways.charts import HEIGHT, run_chart

from .factories import MeetingFactory, MeetingRatingFactory, PathwayFactory

pytestmark = pytest.mark.django_db


def _ratings(pathway, values):
    return [
        MeetingRatingFactory(meeting=MeetingFactory(pathway=pathway), overall=value)
        for value in values
    ]


def test_falling_trend_is_flagged_and_median_is_hand_checked():
    ratings = _ratings(PathwayFactory(), [9, 8, 6, 4])
    chart = run_chart(ratings)
    assert chart.median == 7.0  # median of 4, 6, 8, 9
    reasons = [point.reasons for point in chart.points]
    assert reasons[0] == [] and reasons[1] == []
    assert reasons[2] == ["Faldt 2 point siden sidste møde"]
    assert reasons[3] == ["Under 6 i alt", "Faldt 2 point siden sidste møde"]
    # 10 at the top, 0 at the bottom; the median line lies between 6 and 8.
    assert chart.points[0].y < chart.points[3].y < HEIGHT
    assert chart.points[2].y > chart.median_y > chart.points[1].y


def test_drop_is_measured_within_one_pathway():
    first, second = PathwayFactory(), PathwayFactory()
    ratings = _ratings(first, [9]) + _ratings(second, [7])
    assert [p.reasons for p in run_chart(ratings).points] == [[], []]


@override_settings(PATHWAYS_RATING_THRESHOLD=8)
def test_threshold_comes_from_the_setting():
    chart = run_chart(_ratings(PathwayFactory(), [7]))
    assert chart.points[0].reasons == ["Under 8 i alt"]


def test_empty_chart_has_no_median():
    chart = run_chart([])
    assert chart.median is None and chart.points == []


def test_latest_ratings_keep_the_fall_from_a_rating_outside_the_window():
    from samskab.pathways.models import MeetingRating

    pathway = PathwayFactory()
    day = days_ago(10)
    for i, value in enumerate([9, 9, 9, 5, 5]):
        MeetingRatingFactory(
            meeting=MeetingFactory(pathway=pathway, held_on=day + datetime.timedelta(days=i)),
            overall=value,
        )
    latest = list(MeetingRating.objects.latest_with_previous(2))
    assert [r.overall for r in latest] == [5, 5]
    # The first one shown fell 4 points from a rating the chart does not show.
    assert [p.reasons for p in run_chart(latest).points] == [
        ["Under 6 i alt", "Faldt 4 point siden sidste møde"],
        ["Under 6 i alt"],
    ]


def test_summary_suppresses_too_few_ratings_or_citizens():
    from samskab.pathways.charts import summarise

    # Median of 1, 4, 6, 8, 10 from five citizens is 6.
    shown = summarise([8, 1, 10, 4, 6], [1, 2, 3, 4, 5], minimum=5)
    assert (shown.median, shown.shown_count, shown.is_suppressed) == (6.0, 5, False)
    few = summarise([8, 1, 10, 4], [1, 2, 3, 4], minimum=5)
    assert (few.median, few.shown_count, few.is_suppressed) == (None, None, True)
    one_citizen = summarise([8, 1, 10, 4, 6], [7] * 5, minimum=5)
    assert (one_citizen.median, one_citizen.shown_count) == (None, 5)
    assert summarise([], [], minimum=5).median is None


@override_settings(PATHWAYS_LEADER_MIN_RATINGS=2)
def test_monthly_summaries_group_by_meeting_month_oldest_first():
    from samskab.pathways.charts import monthly_summaries
    from samskab.pathways.models import MeetingRating

    this = days_ago(0).replace(day=1)
    last = (this - datetime.timedelta(days=1)).replace(day=1)
    for held_on, value in [(last, 2), (last + datetime.timedelta(days=5), 5), (this, 7)]:
        MeetingRatingFactory(meeting=MeetingFactory(held_on=held_on), overall=value)
    months = monthly_summaries(MeetingRating.objects.all())
    assert [(m.month, m.count, m.median) for m in months] == [(last, 2, 3.5), (this, 1, None)]
    assert len(monthly_summaries(MeetingRating.objects.all(), months=1)) == 1
