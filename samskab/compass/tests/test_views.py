"""Esbjerg model pages: answering, results, readiness, rollout; negative cases and queries."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.compass.models import (
    SUPPORTS,
    CompassResponse,
    FollowUpPeriod,
    ReadinessAssessment,
    RespondentRole,
    RolloutStage,
    UnitMembership,
)
from samskab.core.tests.dates import days_ago, days_ahead, pinned
from samskab.outcomes.models import Measure, Measurement
from samskab.people.models import Organisation, Role
from samskab.people.tests.factories import (
    CitizenFactory,
    ConsentFactory,
    UnitFactory,
    citizen_with_login,
    user_with_role,
)

from .factories import CompassRoundFactory, ReadinessAssessmentFactory, RolloutFactory, answer

pytestmark = pytest.mark.django_db


def _answers(score=4):
    data = {f"score_{s.value}": score for s in SUPPORTS}
    data["comment_backing"] = "Direktionen bakker op"
    return data


@pytest.fixture
def round_():
    return CompassRoundFactory()


def test_start_page_is_linked_from_the_navigation(client, round_):
    client.force_login(user_with_role(Role.LEADER, round_.organisation))
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("compass:index") in html
    page = client.get(reverse("compass:index")).content.decode()
    assert round_.title in page


def test_answering_a_round_stores_it_and_shows_the_result(client, round_):
    leader = user_with_role(Role.LEADER, round_.organisation)
    client.force_login(leader)
    response = client.post(reverse("compass:round-answer", args=[round_.pk]), _answers())
    assert response.status_code == 302
    assert CompassResponse.objects.get().role == RespondentRole.LEADER
    html = client.get(response["Location"]).content.decode()
    assert "Tak. Dit svar er gemt." in html
    assert "Du har svaret i denne runde." in html
    assert "Resultatet vises, når runden er lukket" in html


def test_score_outside_1_to_5_gives_danish_message_and_stores_nothing(client, round_):
    client.force_login(user_with_role(Role.PROFESSIONAL, round_.organisation))
    data = _answers()
    data["score_flexibility"] = "7"
    del data["score_backing"]
    html = client.post(reverse("compass:round-answer", args=[round_.pk]), data).content.decode()
    assert "Scoren skal være et helt tal fra 1 til 5. Vælg en af mulighederne." in html
    assert "Vælg en score fra 1 til 5." in html
    assert not CompassResponse.objects.exists()


def test_second_answer_is_refused(client, round_):
    user = user_with_role(Role.PROFESSIONAL, round_.organisation)
    client.force_login(user)
    client.post(reverse("compass:round-answer", args=[round_.pk]), _answers())
    html = client.post(
        reverse("compass:round-answer", args=[round_.pk]), _answers(2)
    ).content.decode()
    assert "Du har allerede svaret i denne runde." in html
    assert CompassResponse.objects.count() == 1


def test_results_show_radar_table_and_gaps_when_groups_are_large_enough(client, round_):
    for _ in range(3):
        answer(round_, [5, 4, 4, 4, 4, 4], RespondentRole.LEADER)
        answer(round_, [2, 4, 4, 4, 4, 3], RespondentRole.EMPLOYEE)
    _close(round_)
    client.force_login(user_with_role(Role.PROFESSIONAL, round_.organisation))
    html = client.get(reverse("compass:round-detail", args=[round_.pk])).content.decode()
    assert "<svg" in html and "Radardiagram" in html
    assert "5,0" in html and "+3,0" in html  # Danish decimals; leaders 3 points higher
    assert "lederne vurderer 3,0 point højere end medarbejderne" in html
    assert "Nogle grupper vises ikke" not in html


def _close(round_):
    round_.is_open = False
    round_.save(update_fields=["is_open"])


def _result_section(html):
    """The page from the "Resultat" heading on: everything computed from the answers."""
    return html[html.index("<h2>Resultat</h2>") : html.index("</main>")]


def test_open_round_page_is_the_same_before_and_after_one_answer(client, round_):
    for _ in range(3):
        answer(round_, [5, 5, 5, 5, 5, 5], RespondentRole.LEADER, comment="Fin opbakning")
        answer(round_, [2, 2, 2, 2, 2, 2], RespondentRole.EMPLOYEE, comment="Mangler tid")
    viewer = user_with_role(Role.PROFESSIONAL, round_.organisation)
    client.force_login(viewer)
    url = reverse("compass:round-detail", args=[round_.pk])
    before = client.get(url).content.decode()
    newcomer = user_with_role(Role.PROFESSIONAL, round_.organisation)
    client.force_login(newcomer)
    client.post(reverse("compass:round-answer", args=[round_.pk]), _answers(score=1))
    client.force_login(viewer)
    after = client.get(url).content.decode()
    assert _result_section(before) == _result_section(after)
    assert "Resultatet vises, når runden er lukket" in after
    # Only the counts per group moved (employees 3 → 4); no mean, gap or comment is shown.
    assert re.search(r"Svar fra medarbejdere</dt><dd>4<", after)
    for page in (before, after):
        assert "<svg" not in page and "Gennemsnit pr. understøttelse" not in page
        assert not re.search(r"\d,\d", _result_section(page))
        assert "Fin opbakning" not in page and "Direktionen" not in page


def test_closing_the_round_shows_the_result_with_small_groups_suppressed(client, round_):
    for _ in range(3):
        answer(round_, [2, 2, 2, 2, 2, 2], RespondentRole.EMPLOYEE, comment="Mangler tid")
    answer(round_, [5, 5, 5, 5, 5, 5], RespondentRole.LEADER, comment="Kun to ledere")
    answer(round_, [4, 4, 4, 4, 4, 4], RespondentRole.LEADER)
    leader = user_with_role(Role.LEADER, round_.organisation)
    client.force_login(leader)
    url = reverse("compass:round-detail", args=[round_.pk])
    assert "Mangler tid" not in client.get(url).content.decode()
    assert client.post(reverse("compass:round-close", args=[round_.pk])).status_code == 302
    html = client.get(url).content.decode()
    assert "Resultatet vises, når runden er lukket" not in html
    assert "2,0" in html and "Mangler tid" in html  # employees: three answers, shown
    assert "Lederne vises ikke, fordi for få har svaret." in html
    assert "4,5" not in html and "Kun to ledere" not in html  # two leaders: suppressed


def test_closed_round_cannot_be_answered_through_the_page(client):
    round_ = CompassRoundFactory(is_open=False)
    client.force_login(user_with_role(Role.LEADER, round_.organisation))
    assert client.get(reverse("compass:round-answer", args=[round_.pk])).status_code == 403


def test_leader_closes_round_but_employee_cannot(client, round_):
    client.force_login(user_with_role(Role.PROFESSIONAL, round_.organisation))
    assert client.post(reverse("compass:round-close", args=[round_.pk])).status_code == 403
    client.force_login(user_with_role(Role.LEADER, round_.organisation))
    client.post(reverse("compass:round-close", args=[round_.pk]))
    round_.refresh_from_db()
    assert not round_.is_open


def test_leader_opens_a_round_with_danish_date_errors(client):
    leader = user_with_role(Role.LEADER)
    client.force_login(leader)
    url = reverse("compass:round-create")
    data = {
        "organisation": leader.staff_member.organisation.pk,
        "title": "Forår",
        "period_start": "1. marts",
        "period_end": f"{days_ahead(14):%d.%m.%Y}",
    }
    assert "Skriv datoen som dag.måned.år" in client.post(url, data).content.decode()
    data["period_start"] = f"{days_ago(14):%d.%m.%Y}"
    assert client.post(url, data).status_code == 302


@pytest.mark.parametrize("name", ["round-detail", "round-answer"])
def test_other_organisation_and_citizen_get_404(client, round_, name):
    url = reverse(f"compass:{name}", args=[round_.pk])
    client.force_login(user_with_role(Role.LEADER))
    assert client.get(url).status_code == 404
    client.force_login(citizen_with_login(organisation=round_.organisation).user)
    assert client.get(url).status_code == 404


def test_citizen_cannot_open_the_start_page(client):
    client.force_login(citizen_with_login().user)
    assert client.get(reverse("compass:index")).status_code == 403


def test_anonymous_is_sent_to_login(client, round_):
    response = client.get(reverse("compass:round-detail", args=[round_.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_readiness_form_and_result(client):
    leader = user_with_role(Role.LEADER)
    client.force_login(leader)
    receiving = Organisation.objects.get(name="Vejle Kommune")
    data = {
        "model_name": "Esbjerg-modellen",
        "source_organisation": leader.staff_member.organisation.pk,
        "receiving_organisation": receiving.pk,
        "assessed_on": f"{timezone.localdate():%d.%m.%Y}",
        "advantage": "yes",
        "advantage_evidence": "Workshop",
        "values": "partly",
        "backing": "no",
        "conditions": "partly",
    }
    response = client.post(reverse("compass:assessment-create"), data)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Der er et grundlag, men vigtige forhold mangler" in html
    assert "Sikr opbakning fra topledelse" in html
    assert html.index("Sikr opbakning") < html.index("Arbejd med værdierne")


def test_readiness_without_answers_is_refused_in_danish(client):
    client.force_login(user_with_role(Role.LEADER))
    html = client.post(reverse("compass:assessment-create"), {}).content.decode()
    assert "Svar ja, delvist eller nej." in html
    assert not ReadinessAssessment.objects.exists()


def test_readiness_is_hidden_from_other_organisations(client):
    assessment = ReadinessAssessmentFactory()
    client.force_login(user_with_role(Role.LEADER))
    url = reverse("compass:assessment-detail", args=[assessment.pk])
    assert client.get(url).status_code == 404


def test_rollout_page_shows_each_domain(client):
    rollout = RolloutFactory()
    client.force_login(user_with_role(Role.RESEARCHER, rollout.organisation))
    html = client.get(reverse("compass:rollout-detail", args=[rollout.pk])).content.decode()
    for domain in ["Økonomisk værdi", "Sundhedsmæssig værdi", "Livskvalitet"]:
        assert domain in html
    client.force_login(user_with_role(Role.RESEARCHER))
    assert client.get(reverse("compass:rollout-detail", args=[rollout.pk])).status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.parametrize("is_open", [True, False], ids=["open", "closed"])
def test_round_page_runs_the_same_queries_for_1_and_10_responses(client, round_, is_open):
    round_.is_open = is_open
    round_.save()
    answer(round_, [3] * 6)
    client.force_login(user_with_role(Role.LEADER, round_.organisation))
    url = reverse("compass:round-detail", args=[round_.pk])
    client.get(url)
    one = _queries(client, url)
    for _ in range(9):
        answer(round_, [4] * 6, RespondentRole.EMPLOYEE)
    assert _queries(client, url) == one


def test_start_page_runs_the_same_queries_for_1_and_10_rounds(client, round_):
    client.force_login(user_with_role(Role.LEADER, round_.organisation))
    url = reverse("compass:index")
    client.get(url)
    one = _queries(client, url)
    CompassRoundFactory.create_batch(9, organisation=round_.organisation)
    ReadinessAssessmentFactory.create_batch(3, source_organisation=round_.organisation)
    RolloutFactory.create_batch(3, organisation=round_.organisation)
    assert _queries(client, url) == one


COORDINATE = re.compile(r'\b(?:x|y|x1|x2|y1|y2|cx|cy)="([^"]*)"')
POINTS = re.compile(r'\bpoints="([^"]*)"')
POINT = re.compile(r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?$")


def assert_coordinates_not_localised(svg):
    """Danish number formatting (7,5) in SVG coordinates would break the drawing."""
    for value in COORDINATE.findall(svg):
        assert re.fullmatch(r"-?\d+(\.\d+)?", value), value
    for points in POINTS.findall(svg):
        assert all(POINT.match(p) for p in points.split()), points


def test_radar_coordinates_are_not_localised(client, round_):
    for _ in range(3):
        answer(round_, [5, 4, 3, 4, 2, 1], RespondentRole.LEADER)
    _close(round_)
    client.force_login(user_with_role(Role.LEADER, round_.organisation))
    html = client.get(reverse("compass:round-detail", args=[round_.pk])).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'x1="210.0"' in svg  # the axes start in the centre, with a decimal point
    assert_coordinates_not_localised(svg)


@override_settings(SAMSKAB_EVALUATION_MIN_GROUP_SIZE=3)
@pinned(date(2026, 12, 4))  # the rollout below ran on fixed calendar dates in 2024–2025
def test_rollout_chart_and_table_with_an_estimate(client):
    rollout = RolloutFactory()
    org = rollout.organisation
    pilot, comparison = UnitFactory(organisation=org), UnitFactory(organisation=org)
    RolloutStage.objects.create(
        rollout=rollout, number=1, name="Pilot", starts_on=date(2025, 7, 1)
    ).units.set([pilot])
    rollout.comparison_units.set([comparison])
    FollowUpPeriod.objects.create(
        rollout=rollout, name="Opfølgning", starts_on=date(2025, 9, 1), ends_on=date(2025, 12, 31)
    )
    hours = Measure.objects.get(code="support_hours")
    rollout.measures.set([hours])
    for i in range(8):
        unit = pilot if i % 2 else comparison
        citizen = CitizenFactory(organisation=org)
        ConsentFactory(citizen=citizen)
        UnitMembership.objects.create(citizen=citizen, unit=unit, started_on=date(2024, 1, 1))
        for day, value in [(date(2025, 3, 1), 6 + i % 3), (date(2025, 10, 1), 5 + i % 4)]:
            Measurement.objects.create(
                citizen=citizen, measure=hours, value=Decimal(value), measured_on=day
            )
    client.force_login(user_with_role(Role.LEADER, org))
    html = client.get(reverse("compass:rollout-detail", args=[rollout.pk])).content.decode()
    assert "95 %-konfidensintervallet går fra" in html
    assert "Støttetimer: gennemsnit pr. periode" in html
    svg = html[html.index('aria-labelledby="chart-') : html.index("</svg>")]
    assert "<polyline" in svg
    assert_coordinates_not_localised(svg)
