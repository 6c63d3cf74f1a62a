"""Requests: the one-month deadline, the DPO's list ordered by deadline, answers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samskab.core.models import AccessLogEntry
from samskab.core.tests.dates import pinned
from samskab.people.models import Role
from samskab.people.tests.factories import CitizenFactory, OrganisationFactory, user_with_role
from samskab.privacy import actions
from samskab.privacy.models import DataSubjectRequest, RequestKind, RequestOutcome, one_month_after


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        ("2026-03-15", "2026-04-15"),
        ("2026-01-31", "2026-02-28"),
        ("2028-01-31", "2028-02-29"),
        ("2026-12-20", "2027-01-20"),
        ("2026-08-31", "2026-09-30"),
    ],
)
def test_deadline_is_one_calendar_month(received, deadline):
    assert one_month_after(datetime.date.fromisoformat(received)) == datetime.date.fromisoformat(
        deadline
    )


@pytest.fixture
def dpo():
    return user_with_role(Role.DATA_PROTECTION_OFFICER)


@pytest.fixture
def citizen(dpo):
    return CitizenFactory(organisation=dpo.staff_member.organisation)


@pytest.mark.django_db
@pinned(datetime.date(2026, 2, 2))  # received on 31 January, two days ago
def test_registering_a_request_sets_the_deadline_and_logs_it(dpo, citizen):
    request = actions.register_request(
        by=dpo,
        citizen=citizen,
        kind=RequestKind.ACCESS,
        received_on=datetime.date(2026, 1, 31),
        description="Vil se alt",
    )
    assert request.deadline_on == datetime.date(2026, 2, 28)
    assert AccessLogEntry.objects.filter(citizen_id=citizen.pk, action="create").exists()


@pytest.mark.django_db
def test_a_request_received_in_the_future_is_refused(dpo, citizen):
    with pytest.raises(ValidationError, match="fremtiden"):
        actions.register_request(
            by=dpo,
            citizen=citizen,
            kind=RequestKind.ACCESS,
            received_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert not DataSubjectRequest.objects.exists()


@pytest.mark.django_db
def test_refusing_without_a_reason_is_refused(dpo, citizen):
    request = actions.register_request(
        by=dpo, citizen=citizen, kind=RequestKind.OBJECTION, received_on=timezone.localdate()
    )
    with pytest.raises(ValidationError, match="begrundelse"):
        actions.answer_request(by=dpo, request=request, outcome=RequestOutcome.REFUSED, note="")
    request.refresh_from_db()
    assert request.is_open


@pytest.mark.django_db
def test_list_shows_open_requests_by_deadline_with_overdue_flagged(client, dpo, citizen):
    today = timezone.localdate()
    late = actions.register_request(
        by=dpo,
        citizen=citizen,
        kind=RequestKind.ACCESS,
        received_on=today - datetime.timedelta(days=40),
    )
    soon = actions.register_request(
        by=dpo, citizen=citizen, kind=RequestKind.ERASURE, received_on=today
    )
    done = actions.register_request(
        by=dpo, citizen=citizen, kind=RequestKind.RECTIFICATION, received_on=today
    )
    actions.answer_request(by=dpo, request=done, outcome=RequestOutcome.GRANTED, note="")
    client.force_login(dpo)
    response = client.get(reverse("privacy:request-list"))
    assert list(response.context["open_requests"]) == [late, soon]
    html = response.content.decode()
    assert html.count("Over fristen") == 1
    assert list(response.context["answered"]) == [done]


@pytest.mark.django_db
def test_request_list_query_count_does_not_grow(
    client, dpo, citizen, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            actions.register_request(
                by=dpo,
                citizen=CitizenFactory(organisation=citizen.organisation),
                kind=RequestKind.ACCESS,
                received_on=timezone.localdate(),
            )

    client.force_login(dpo)
    add(1)
    with django_assert_max_num_queries(20) as ctx:
        client.get(reverse("privacy:request-list"))
    one = len(ctx.captured_queries)
    add(9)
    with django_assert_max_num_queries(one):
        client.get(reverse("privacy:request-list"))


@pytest.mark.django_db
def test_dpo_registers_and_answers_through_the_pages(client, dpo, citizen):
    client.force_login(dpo)
    response = client.post(
        reverse("privacy:request-create"),
        {
            "citizen": citizen.pk,
            "kind": RequestKind.ACCESS,
            "received_on": str(timezone.localdate()),
        },
    )
    request = DataSubjectRequest.objects.get()
    assert response.url == request.get_absolute_url()
    assert client.get(response.url).status_code == 200
    response = client.post(
        reverse("privacy:request-answer", args=[request.pk]),
        {"outcome": RequestOutcome.GRANTED, "note": "Udleveret som fil."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.outcome == RequestOutcome.GRANTED and request.answered_by == dpo


@pytest.mark.django_db
def test_registering_without_a_citizen_shows_a_danish_error(client, dpo):
    client.force_login(dpo)
    response = client.post(reverse("privacy:request-create"), {"kind": RequestKind.ACCESS})
    assert response.status_code == 200
    assert "Der er problemer med det, du har udfyldt" in response.content.decode()
    assert not DataSubjectRequest.objects.exists()


@pytest.mark.django_db
def test_dpo_cannot_see_or_answer_another_organisations_request(client, dpo):
    other_dpo = user_with_role(Role.DATA_PROTECTION_OFFICER)
    other_citizen = CitizenFactory(organisation=other_dpo.staff_member.organisation)
    request = actions.register_request(
        by=other_dpo,
        citizen=other_citizen,
        kind=RequestKind.ERASURE,
        received_on=timezone.localdate(),
    )
    client.force_login(dpo)
    assert client.get(request.get_absolute_url()).status_code == 404
    assert client.post(reverse("privacy:request-erase", args=[request.pk])).status_code == 404
    assert (
        client.post(
            reverse("privacy:request-create"),
            {
                "citizen": other_citizen.pk,
                "kind": RequestKind.ACCESS,
                "received_on": str(timezone.localdate()),
            },
        ).status_code
        == 200
    )
    assert DataSubjectRequest.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.PROFESSIONAL, Role.FACILITATOR, Role.RESEARCHER, Role.CITIZEN]
)
def test_other_roles_cannot_open_the_dpo_pages(client, role):
    organisation = OrganisationFactory()
    client.force_login(user_with_role(role, organisation))
    for name in (
        "privacy:index",
        "privacy:access-log",
        "privacy:access-log-csv",
        "privacy:request-list",
        "privacy:request-create",
    ):
        assert client.get(reverse(name)).status_code == 403, name


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("privacy:request-list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.django_db
def test_erasure_decision_through_the_page(client, dpo, citizen):
    request = actions.register_request(
        by=dpo, citizen=citizen, kind=RequestKind.ERASURE, received_on=timezone.localdate()
    )
    client.force_login(dpo)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "litra b" in page  # the legal-obligation reason is offered
    response = client.post(
        reverse("privacy:request-refuse", args=[request.pk]), {"reason": "", "restrict": "on"}
    )
    assert response.status_code == 200 and "Begrundelse for afslaget" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.processing_restricted_at is None
    response = client.post(
        reverse("privacy:request-refuse", args=[request.pk]),
        {"reason": "Journalpligt", "restrict": "on"},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.processing_restricted_at is not None
