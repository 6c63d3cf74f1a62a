"""Insight pages: search, balance with its signal, themes saved and followed, notifications,
settings and the dashboard; negative permission cases and query-count guards."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.core.models import AccessLogEntry, Perspective
from samskab.core.tests.dates import days_ago, pinned
from samskab.insights.balance import balance
from samskab.insights.models import (
    EmailFrequency,
    InsightEntry,
    Notification,
    NotificationKind,
    NotificationPreference,
    SavedTheme,
)
from samskab.pathways.models import TeamRole
from samskab.pathways.tests.factories import TeamFactory, team_user
from samskab.people.models import Role
from samskab.people.tests.factories import citizen_with_login, user_with_role

from .factories import capture

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def supervisor(team):
    return team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)


@pytest.fixture
def logged_in(client, supervisor):
    client.force_login(supervisor)
    return client


def test_search_page_finds_inflections_and_logs_reads_about_citizens(logged_in, team):
    capture(team, what_worked="Møderne blev kortere.")
    response = logged_in.get(reverse("insights:index"), {"q": "møde"})
    assert response.status_code == 200
    assert "Møderne blev kortere." in response.content.decode()
    assert AccessLogEntry.objects.count() == 1


def test_search_page_without_query_lists_nothing_and_bad_dates_give_danish_error(logged_in):
    assert logged_in.get(reverse("insights:index")).status_code == 200
    response = logged_in.get(
        reverse("insights:index"), {"start": "2026-05-01", "end": "2026-01-01"}
    )
    assert "Fra-datoen skal ligge før til-datoen" in response.content.decode()


def test_insight_pages_refuse_citizens_and_anonymous(client):
    for name in ("insights:index", "insights:balance", "insights:themes", "insights:dashboard"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(citizen_with_login().user)
    for name in ("insights:index", "insights:balance", "insights:themes", "insights:dashboard"):
        assert client.get(reverse(name)).status_code == 403


def test_search_query_count_does_not_grow_with_hits(logged_in, team):
    def count():
        logged_in.get(reverse("insights:index"), {"q": "møde"})
        with CaptureQueriesContext(connection) as ctx:
            logged_in.get(reverse("insights:index"), {"q": "møde"})
        return len(ctx.captured_queries)

    capture(team, what_worked="Et møde.")
    few = count()
    for i in range(6):
        capture(team, what_worked=f"Møde {i}.")
    assert count() <= few + 1


def test_balance_signals_a_missing_side(logged_in, team):
    capture(team, what_worked="Systemets blik.", perspective=Perspective.SYSTEM)
    response = logged_in.get(reverse("insights:balance"), {"scope": f"team:{team.pk}"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "En side af lemniskaten mangler" in text
    assert "Borgerens perspektiv" in text
    assert "<svg" in text and "<table" in text
    assert 'style="' not in text and "<script>" not in text


@pinned(datetime.date(2026, 3, 31))  # the counts are per calendar month and quarter
def test_balance_counts_per_month_and_quarter(team, supervisor):
    capture(
        team, what_worked="a", perspective=Perspective.CITIZEN, held_on=datetime.date(2026, 1, 5)
    )
    capture(
        team, what_worked="b", perspective=Perspective.SYSTEM, held_on=datetime.date(2026, 3, 5)
    )
    capture(team, what_worked="c", perspective=Perspective.BOTH, held_on=datetime.date(2026, 3, 9))
    months = balance(InsightEntry.objects.all(), "month")
    assert [(p.start.month, p.citizen, p.system, p.both) for p in months] == [
        (1, 1, 0, 0),
        (2, 0, 0, 0),
        (3, 0, 1, 1),
    ]
    assert months[0].missing == [Perspective.SYSTEM]
    assert months[1].missing == []  # an empty month has no side to miss
    assert months[2].missing == [] and months[2].both_share == 50
    quarters = balance(InsightEntry.objects.all(), "quarter")
    assert len(quarters) == 1 and quarters[0].total == 3 and quarters[0].missing == []


def test_themes_are_mined_saved_and_followed(logged_in, team, supervisor):
    for text in [
        "Ventetiden på jobcentret var lang.",
        "Lang ventetid igen hos kommunen.",
        "Borgeren ønskede færre møder.",
        "Færre møder og mere ro, sagde borgeren.",
    ]:
        capture(team, what_worked=text)
    response = logged_in.get(reverse("insights:themes"), {"n_themes": 2})
    text = response.content.decode()
    assert "Tema 1" in text and "Tema 2" in text
    response = logged_in.post(
        reverse("insights:theme-save"), {"name": "Ventetid", "keywords": "ventetid, lang"}
    )
    theme = SavedTheme.objects.get()
    assert response.status_code == 302
    assert theme.organisation == supervisor.staff_member.organisation
    assert theme.keywords == ["ventetid", "lang"]
    detail = logged_in.get(reverse("insights:theme-detail", args=[theme.pk])).content.decode()
    assert "Ventetiden på jobcentret var lang." in detail
    assert "Færre møder" not in detail


def test_saving_a_theme_twice_or_without_keywords_is_refused_in_danish(logged_in, supervisor):
    url = reverse("insights:theme-save")
    logged_in.post(url, {"name": "Ventetid", "keywords": "ventetid"})
    response = logged_in.post(url, {"name": "ventetid", "keywords": "kø"}, follow=True)
    assert "har allerede et tema med navnet" in response.content.decode()
    response = logged_in.post(url, {"name": "Tomt", "keywords": " , "}, follow=True)
    assert "Skriv mindst ét nøgleord" in response.content.decode()
    assert SavedTheme.objects.count() == 1


def test_saved_theme_of_another_organisation_is_404(client, logged_in, supervisor):
    logged_in.post(reverse("insights:theme-save"), {"name": "Ventetid", "keywords": "ventetid"})
    theme = SavedTheme.objects.get()
    client.force_login(user_with_role(Role.SUPERVISOR))
    assert client.get(reverse("insights:theme-detail", args=[theme.pk])).status_code == 404


def _notification(user, key="x", **kwargs):
    return Notification.objects.create(
        user=user,
        kind=NotificationKind.WORKSHOP_DUE,
        dedupe_key=key,
        title="Tid til workshop",
        url="/borgerforloeb/workshop/",
        **kwargs,
    )


def test_header_shows_unread_count_and_reading_clears_it(logged_in, supervisor):
    notification = _notification(supervisor)
    page = logged_in.get(reverse("insights:notifications")).content.decode()
    assert "1 ny notifikation" in page
    response = logged_in.post(
        reverse("insights:notification-read", args=[notification.pk]), {"open": "1"}
    )
    assert response["Location"] == "/borgerforloeb/workshop/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert (
        "ny notifikation" not in logged_in.get(reverse("insights:notifications")).content.decode()
    )


def test_someone_elses_notification_cannot_be_marked_read(client, supervisor):
    notification = _notification(supervisor)
    client.force_login(user_with_role(Role.SUPERVISOR))
    assert (
        client.post(reverse("insights:notification-read", args=[notification.pk])).status_code
        == 404
    )
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(logged_in, supervisor):
    _notification(supervisor, "a")
    _notification(supervisor, "b")
    logged_in.post(reverse("insights:notifications-read-all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_email_frequency_setting(logged_in, supervisor):
    url = reverse("insights:settings")
    assert logged_in.get(url).status_code == 200
    logged_in.post(url, {"email_frequency": EmailFrequency.OFF})
    assert NotificationPreference.objects.get(user=supervisor).email_frequency == "off"
    response = logged_in.post(url, {"email_frequency": "hourly"})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=supervisor).email_frequency == "off"


def test_account_page_links_to_reminder_settings(logged_in):
    page = logged_in.get(reverse("core:account")).content.decode()
    assert reverse("insights:settings") in page


def test_dashboard_shows_what_needs_the_supervisor_now(logged_in, team, supervisor):
    from samskab.pathways.tests.factories import MeetingFactory, PathwayFactory

    MeetingFactory(
        pathway=PathwayFactory(team=team),
        held_on=days_ago(10),
    )
    capture(team, what_worked="Systemets blik.", perspective=Perspective.SYSTEM)
    page = logged_in.get(reverse("insights:dashboard")).content.decode()
    assert "Møde uden læringsopsamling" in page
    assert "mangler en læringsopsamling" in page
    assert "En side af lemniskaten mangler" in page
    home = logged_in.get(reverse("core:home")).content.decode()
    assert reverse("insights:dashboard") in home


def test_leader_sees_team_balance_as_counts_but_never_the_text(client, team):
    capture(team, what_worked="Hemmelig borgertekst.", perspective=Perspective.SYSTEM)
    leader = user_with_role(Role.LEADER, team.organisation)
    client.force_login(leader)
    page = client.get(reverse("insights:balance"), {"scope": f"team:{team.pk}"}).content.decode()
    assert "En side af lemniskaten mangler" in page
    assert "Hemmelig borgertekst" not in page
    assert (
        "Hemmelig" not in client.get(reverse("insights:index"), {"q": "hemmelig"}).content.decode()
    )
    outsider = user_with_role(Role.LEADER)
    client.force_login(outsider)
    page = client.get(reverse("insights:balance"), {"scope": f"team:{team.pk}"}).content.decode()
    assert "En side af lemniskaten mangler" not in page
