"""Data protection through the API: the citizen's own data and Min log; the DPO registers and
answers a request and searches the access log; and who may reach what."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.api.testing import ApiClient
from samskab.core.actions import log_access
from samskab.core.models import AccessAction, AccessLogEntry
from samskab.people.models import Role
from samskab.people.tests.factories import CitizenFactory, citizen_with_login, user_with_role
from samskab.privacy.models import DataSubjectRequest

from .factories import citizen_everywhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def dpo():
    return user_with_role(Role.DATA_PROTECTION_OFFICER)


def test_citizen_gets_own_data_and_min_log():
    world = citizen_everywhere()
    staff = user_with_role(Role.PROFESSIONAL, world.citizen.organisation)
    log_access(
        by=staff,
        action=AccessAction.READ,
        obj=world.citizen,
        citizen_id=world.citizen.pk,
        purpose="Borgerens stamdata",
    )
    client = ApiClient(world.user)

    data = client.get("/privacy/me/data")
    assert data.status_code == 200, data.json()
    types = {section["type"]: section for section in data.json()["sections"]}
    assert types["people.Citizen"]["rows"][0]["display_name"] == "Anna Hansen"
    assert AccessLogEntry.objects.filter(
        citizen_id=world.citizen.pk, action="export", actor_id=world.user.pk
    ).exists()

    before = AccessLogEntry.objects.count()
    log = client.get("/privacy/me/log", {"page_size": 100})
    assert log.status_code == 200, log.json()
    rows = log.json()["items"]
    assert any(r["purpose"] == "Borgerens stamdata" and not r["is_self"] for r in rows)
    assert any(r["is_self"] for r in rows)  # the export just made
    assert AccessLogEntry.objects.count() == before  # reading one's own log is not logged


def test_staff_without_citizen_record_gets_no_own_data_and_an_empty_log():
    staff = ApiClient(user_with_role(Role.PROFESSIONAL))
    assert staff.get("/privacy/me/data").status_code == 403
    assert staff.get("/privacy/me/log").json()["count"] == 0


def test_dpo_registers_and_answers_a_request(dpo):
    citizen = CitizenFactory(organisation=dpo.staff_member.organisation)
    client = ApiClient(dpo)

    created = client.post(
        "/privacy/requests",
        {"citizen_id": citizen.pk, "kind": "access", "description": "Alt om mig"},
    )
    assert created.status_code == 201, created.json()
    request_id = created.json()["id"]
    assert created.json()["deadline_on"] > str(timezone.localdate())
    listed = client.get("/privacy/requests", {"is_open": True}).json()
    assert [r["id"] for r in listed["items"]] == [request_id]

    no_reason = client.post(f"/privacy/requests/{request_id}/answer", {"outcome": "refused"})
    assert no_reason.status_code == 422
    assert "begrundelse" in no_reason.json()["detail"]
    answered = client.post(f"/privacy/requests/{request_id}/answer", {"outcome": "granted"})
    assert answered.status_code == 200, answered.json()
    assert answered.json()["is_open"] is False
    again = client.post(f"/privacy/requests/{request_id}/answer", {"outcome": "granted"})
    assert again.status_code == 409
    assert AccessLogEntry.objects.filter(
        citizen_id=citizen.pk, actor_id=dpo.pk, action="update"
    ).exists()


def test_request_in_the_future_is_refused_and_nothing_stored(dpo):
    citizen = CitizenFactory(organisation=dpo.staff_member.organisation)
    response = ApiClient(dpo).post(
        "/privacy/requests",
        {
            "citizen_id": citizen.pk,
            "kind": "erasure",
            "received_on": str(timezone.localdate() + datetime.timedelta(days=3)),
        },
    )
    assert response.status_code == 422
    assert "fremtiden" in response.json()["detail"]
    assert not DataSubjectRequest.objects.exists()


def test_dpo_of_another_organisation_gets_404(dpo):
    theirs = CitizenFactory()
    other_dpo = user_with_role(Role.DATA_PROTECTION_OFFICER, theirs.organisation)
    created = ApiClient(other_dpo).post(
        "/privacy/requests", {"citizen_id": theirs.pk, "kind": "access"}
    )
    request_id = created.json()["id"]
    client = ApiClient(dpo)
    missing = client.get("/privacy/requests/999999")
    forbidden = client.get(f"/privacy/requests/{request_id}")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()
    answer = client.post(f"/privacy/requests/{request_id}/answer", {"outcome": "granted"})
    assert answer.status_code == 404
    assert client.get(f"/privacy/citizens/{theirs.pk}/data").status_code == 404
    assert (
        client.post("/privacy/requests", {"citizen_id": theirs.pk, "kind": "access"}).status_code
        == 404
    )
    assert client.get("/privacy/requests").json()["count"] == 0


def test_citizen_cannot_reach_dpo_endpoints():
    me = citizen_with_login()
    client = ApiClient(me.user)
    assert client.get("/privacy/requests").status_code == 403
    assert client.get("/privacy/access-log").status_code == 403
    register = client.post("/privacy/requests", {"citizen_id": me.pk, "kind": "access"})
    assert register.status_code == 403
    assert client.get(f"/privacy/citizens/{me.pk}/data").status_code == 404


def test_dpo_searches_the_access_log_and_the_search_is_logged(dpo):
    organisation = dpo.staff_member.organisation
    mine = CitizenFactory(organisation=organisation, display_name="Karen (fiktiv)")
    theirs = CitizenFactory(display_name="Ole (fiktiv)")
    staff = user_with_role(Role.PROFESSIONAL, organisation)
    for citizen in (mine, theirs):
        log_access(
            by=staff, action=AccessAction.READ, obj=citizen, citizen_id=citizen.pk, purpose="x"
        )
    client = ApiClient(dpo)

    response = client.get("/privacy/access-log", {"citizen": "Karen", "action": "read"})

    assert response.status_code == 200, response.json()
    assert {r["citizen_id"] for r in response.json()["items"]} == {mine.pk}
    assert AccessLogEntry.objects.filter(
        actor_id=dpo.pk, citizen_id=mine.pk, purpose="Tilsyn med adgangsloggen"
    ).exists()
    everything = client.get("/privacy/access-log", {"page_size": 100}).json()["items"]
    assert theirs.pk not in {r["citizen_id"] for r in everything}
    bad = client.get("/privacy/access-log", {"date_from": "2026-05-01", "date_to": "2026-01-01"})
    assert bad.status_code == 422


def test_dpo_lists_cost_the_same_queries_for_one_row_as_for_ten(dpo):
    organisation = dpo.staff_member.organisation
    staff = user_with_role(Role.PROFESSIONAL, organisation)
    client = ApiClient(dpo)

    def add():
        citizen = CitizenFactory(organisation=organisation)
        log_access(
            by=staff, action=AccessAction.READ, obj=citizen, citizen_id=citizen.pk, purpose="x"
        )
        ApiClient(dpo).post("/privacy/requests", {"citizen_id": citizen.pk, "kind": "access"})

    paths = ("/privacy/requests", "/privacy/access-log?action=read")
    add()
    for path in paths:
        client.get(path)
    with CaptureQueriesContext(connection) as one:
        for path in paths:
            client.get(path)
    for _ in range(9):
        add()
    with CaptureQueriesContext(connection) as ten:
        assert client.get(paths[0]).json()["count"] == 10
        assert client.get(paths[1]).json()["count"] >= 10
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]
