"""Insights through the API: search with Danish inflections within the reader's permissions,
balance, saved themes and notifications; and who may reach what."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.api.testing import ApiClient
from samskab.core.models import AccessLogEntry
from samskab.insights.models import Notification, NotificationKind
from samskab.partnerships.tests.factories import facilitator_for, partnership
from samskab.pathways.models import TeamRole
from samskab.pathways.tests.factories import TeamFactory, team_user
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, user_with_role

from .factories import capture, reflection

pytestmark = pytest.mark.django_db


def _found(response):
    assert response.status_code == 200, response.json()
    return {(item["source"], item["object_id"]) for item in response.json()["items"]}


def test_search_finds_an_inflection_within_permissions_and_logs_the_citizen_read():
    team = TeamFactory()
    member = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    found = capture(team, what_worked="Møderne blev kortere og mere fokuserede.")
    capture(team, what_worked="Kaffen var god.")
    client = ApiClient(member)

    response = client.get("/insights/search", {"q": "møde"})

    assert _found(response) == {("pathways.learningcapture", found.pk)}
    assert response.json()["count"] == 1
    assert AccessLogEntry.objects.filter(
        actor_id=member.pk, citizen_id=found.meeting.pathway.citizen_id
    ).exists()
    outsider = user_with_role(Role.SUPERVISOR)
    assert _found(ApiClient(outsider).get("/insights/search", {"q": "møde"})) == set()


def test_private_reflection_is_found_by_its_author_only():
    p = partnership()
    leader = p.leader.user
    private = reflection(p, leader, text="Mødet var svært for mig.", shared=False)
    shared = reflection(p, leader, text="Mødet gav ny indsigt.", shared=True)
    facilitator = facilitator_for(p.round)

    mine = _found(ApiClient(leader).get("/insights/search", {"q": "møderne"}))
    theirs = _found(ApiClient(facilitator).get("/insights/search", {"q": "møderne"}))

    assert mine == {
        ("partnerships.reflection", private.pk),
        ("partnerships.reflection", shared.pk),
    }
    assert theirs == {("partnerships.reflection", shared.pk)}


def test_search_refuses_citizens_and_bad_input():
    citizen = user_with_role(Role.CITIZEN)
    assert ApiClient(citizen).get("/insights/search", {"q": "møde"}).status_code == 403
    staff = ApiClient(user_with_role(Role.PROFESSIONAL))
    assert staff.get("/insights/search", {"ordering": "text"}).status_code == 422
    assert staff.get("/insights/search", {"theme_id": 999_999}).status_code == 422
    other_organisation = staff.get(
        "/insights/search", {"organisation_id": OrganisationFactory().pk}
    )
    assert other_organisation.status_code == 422
    backwards = staff.get("/insights/search", {"start": "2026-05-01", "end": "2026-01-01"})
    assert "Fra-datoen" in backwards.json()["detail"]


def test_balance_counts_both_sides_per_period():
    team = TeamFactory()
    member = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    capture(team, what_worked="Borgeren styrede mødet.")

    response = ApiClient(member).get("/insights/balance", {"scope": f"team:{team.pk}"})

    assert response.status_code == 200, response.json()
    assert sum(p["both"] for p in response.json()["periods"]) == 1
    bad = ApiClient(member).get("/insights/balance", {"start": "2026-05-01", "end": "2026-01-01"})
    assert bad.status_code == 422
    assert "Fra-datoen" in bad.json()["detail"]


def test_saved_theme_is_shared_within_the_organisation_only():
    author = user_with_role(Role.PROFESSIONAL)
    organisation = author.staff_member.organisation
    client = ApiClient(author)

    saved = client.post(
        "/insights/themes", {"name": "Egne ord", "keywords": ["borger", "ord"], "description": ""}
    )
    assert saved.status_code == 201, saved.json()
    twice = client.post("/insights/themes", {"name": "egne ord", "keywords": ["x"]})
    assert twice.status_code == 422
    assert "allerede" in twice.json()["detail"]

    colleague = ApiClient(user_with_role(Role.LEADER, organisation))
    outsider = ApiClient(user_with_role(Role.LEADER))
    theme_id = saved.json()["id"]
    assert colleague.get(f"/insights/themes/{theme_id}").status_code == 200
    assert [t["id"] for t in colleague.get("/insights/themes").json()["items"]] == [theme_id]
    missing = outsider.get("/insights/themes/999999")
    forbidden = outsider.get(f"/insights/themes/{theme_id}")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()
    assert outsider.get("/insights/themes").json()["count"] == 0


def _notification(user, key="a"):
    return Notification.objects.create(
        user=user, kind=NotificationKind.CAPTURE_MISSING, dedupe_key=key, title="Mangler"
    )


def test_notifications_are_the_users_own():
    user = user_with_role(Role.PROFESSIONAL)
    other = user_with_role(Role.PROFESSIONAL)
    mine = _notification(user)
    theirs = _notification(other)
    client = ApiClient(user)

    listed = client.get("/insights/notifications").json()
    assert [n["id"] for n in listed["items"]] == [mine.pk]
    assert client.post(f"/insights/notifications/{theirs.pk}/read").status_code == 404
    read = client.post(f"/insights/notifications/{mine.pk}/read")
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    theirs.refresh_from_db()
    assert theirs.read_at is None
    _notification(user, "b")
    assert client.post("/insights/notifications/read-all").json() == {"count": 1}


def test_search_query_count_is_independent_of_rows():
    team = TeamFactory()
    member = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    client = ApiClient(member)
    capture(team, what_worked="Mødet gik godt.")
    assert client.get("/insights/search", {"q": "møde"}).json()["count"] == 1
    with CaptureQueriesContext(connection) as one:
        client.get("/insights/search", {"q": "møde"})
    for n in range(9):
        capture(team, what_worked=f"Mødet nummer {n} gik godt.")
    with CaptureQueriesContext(connection) as ten:
        assert client.get("/insights/search", {"q": "møde"}).json()["count"] == 10
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]
