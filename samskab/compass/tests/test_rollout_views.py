"""The pages for creating rollouts, adding stages and keeping citizens' memberships."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.compass import actions
from samskab.compass.models import Rollout, RolloutStage, UnitMembership
from samskab.core.models import AccessAction, AccessLogEntry
from samskab.core.tests.dates import pinned
from samskab.people.models import Role
from samskab.people.tests.factories import (
    CitizenFactory,
    ConsentFactory,
    OrganisationFactory,
    UnitFactory,
    citizen_with_login,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    """The rollouts here run on fixed calendar dates, seen from December 2026."""
    with pinned(date(2026, 12, 4)):
        yield


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def units(org):
    return [UnitFactory(organisation=org, name=f"Distrikt {n}") for n in "ABCD"]


def form_data(org, units, **overrides):
    return {
        "name": "Hjemmeplejen",
        "model_name": "Esbjerg-modellen",
        "organisation": org.pk,
        "pilot_units": [units[0].pk],
        "comparison_units": [units[1].pk, units[2].pk],
        "baseline_start": "1.1.2026",
        "baseline_end": "30.6.2026",
        "pilot_starts_on": "1.7.2026",
        "follow_up_name": "Efter et halvt år",
        "follow_up_start": "1.1.2027",
        "follow_up_end": "30.6.2027",
        **overrides,
    }


def test_leader_creates_a_rollout_from_the_start_page(client, org, units):
    client.force_login(user_with_role(Role.LEADER, org))
    index = client.get(reverse("compass:index")).content.decode()
    url = reverse("compass:rollout-create")
    assert url in index
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(org, units))
    rollout = Rollout.objects.get()
    assert response["Location"] == reverse("compass:rollout-detail", args=[rollout.pk])
    assert rollout.stages.get().number == 1
    html = client.get(response["Location"]).content.decode()
    assert reverse("compass:stage-create", args=[rollout.pk]) in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"comparison_units": [0, 1]}, "En enhed kan ikke både være pilot- og sammenligningsenhed"),
        ({"baseline_start": "1. januar"}, "Skriv datoen som dag.måned.år"),
        ({"pilot_starts_on": "1.6.2026"}, "Piloten skal starte efter før-perioden"),
        ({"second_follow_up_name": "Efter et år"}, "Udfyld navn, fra og til"),
    ],
)
def test_bad_rollout_input_gives_danish_message_and_stores_nothing(
    client, org, units, overrides, message
):
    client.force_login(user_with_role(Role.LEADER, org))
    if "comparison_units" in overrides:
        overrides["comparison_units"] = [units[i].pk for i in overrides["comparison_units"]]
    response = client.post(reverse("compass:rollout-create"), form_data(org, units, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Rollout.objects.exists() and not RolloutStage.objects.exists()


def test_units_and_organisations_of_others_are_not_offered(client, org, units):
    client.force_login(user_with_role(Role.LEADER, org))
    other = UnitFactory(name="Andet sted")
    html = client.get(reverse("compass:rollout-create")).content.decode()
    assert "Andet sted" not in html
    data = form_data(org, units, comparison_units=[other.pk])
    assert client.post(reverse("compass:rollout-create"), data).status_code == 200
    assert not Rollout.objects.exists()


def test_wrong_role_other_organisation_and_anonymous_cannot_create(client, org, units):
    url = reverse("compass:rollout-create")
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(user_with_role(Role.PROFESSIONAL, org))
    assert client.get(url).status_code == 403
    assert (
        reverse("compass:rollout-create")
        not in client.get(reverse("compass:index")).content.decode()
    )
    client.force_login(user_with_role(Role.LEADER))
    assert client.post(url, form_data(org, units)).status_code == 200
    assert not Rollout.objects.exists()


@pytest.fixture
def rollout(org, units):
    leader = user_with_role(Role.LEADER, org)
    return actions.create_rollout(
        by=leader,
        organisation=org,
        name="Hjemmeplejen",
        model_name="Esbjerg-modellen",
        pilot_units=units[:1],
        comparison_units=units[1:3],
        baseline_start=date(2026, 1, 1),
        baseline_end=date(2026, 6, 30),
        pilot_starts_on=date(2026, 7, 1),
        follow_up_periods=[("Opfølgning", date(2027, 1, 1), date(2027, 6, 30))],
    )


def test_leader_adds_a_stage_and_bad_dates_store_nothing(client, rollout, units):
    client.force_login(user_with_role(Role.LEADER, rollout.organisation))
    url = reverse("compass:stage-create", args=[rollout.pk])
    data = {"name": "Resten", "starts_on": "1.5.2026", "units": [units[1].pk]}
    response = client.post(url, data)
    assert "Trinnet skal starte efter det forrige trin" in response.content.decode()
    assert rollout.stages.count() == 1
    data["starts_on"] = "1.1.2027"
    assert client.post(url, data).status_code == 302
    assert rollout.stages.count() == 2


def test_stage_page_is_404_for_other_organisation_and_403_for_wrong_role(client, rollout):
    url = reverse("compass:stage-create", args=[rollout.pk])
    client.force_login(user_with_role(Role.LEADER))
    assert client.get(url).status_code == 404
    client.force_login(user_with_role(Role.PROFESSIONAL, rollout.organisation))
    assert client.get(url).status_code == 403
    client.force_login(citizen_with_login(organisation=rollout.organisation).user)
    assert client.get(url).status_code == 404


def test_professional_adds_and_ends_a_membership(client, rollout, units):
    worker = user_with_role(Role.PROFESSIONAL, rollout.organisation)
    citizen = CitizenFactory(organisation=rollout.organisation, display_name="Borger Ø")
    ConsentFactory(citizen=citizen)  # registration: memberships are registered data
    CitizenFactory(display_name="Fremmed borger")
    client.force_login(worker)
    detail = client.get(reverse("compass:rollout-detail", args=[rollout.pk])).content.decode()
    url = reverse("compass:membership-list", args=[rollout.pk])
    assert url in detail
    html = client.get(url).content.decode()
    assert "Borger Ø" in html and "Fremmed borger" not in html
    bad = {"citizen": citizen.pk, "unit": units[3].pk, "started_on": "1.1.2026"}
    assert "Vælg en enhed, der er med i udrulningen" in client.post(url, bad).content.decode()
    assert not UnitMembership.objects.exists()
    data = {"citizen": citizen.pk, "unit": units[0].pk, "started_on": "1.1.2026"}
    assert client.post(url, data).status_code == 302
    membership = UnitMembership.objects.get()
    end_url = reverse("compass:membership-end", args=[rollout.pk, membership.pk])
    assert end_url in client.get(url).content.decode()
    response = client.post(end_url, {"ended_on": "1.1.2025"})
    assert "tidligst slutte samme dag" in response.content.decode()
    assert client.post(end_url, {"ended_on": "31.12.2026"}).status_code == 302
    membership.refresh_from_db()
    assert membership.ended_on == date(2026, 12, 31)
    actions_logged = set(
        AccessLogEntry.objects.filter(citizen_id=citizen.pk).values_list("action", flat=True)
    )
    assert {AccessAction.CREATE, AccessAction.UPDATE, AccessAction.READ} <= actions_logged


def test_membership_pages_need_need_to_know(client, rollout, units):
    citizen = CitizenFactory(organisation=rollout.organisation)
    membership = UnitMembership.objects.create(
        citizen=citizen, unit=units[0], started_on=date(2026, 1, 1)
    )
    urls = [
        reverse("compass:membership-list", args=[rollout.pk]),
        reverse("compass:membership-end", args=[rollout.pk, membership.pk]),
    ]
    for user, status in [
        (user_with_role(Role.LEADER, rollout.organisation), 403),
        (user_with_role(Role.RESEARCHER, rollout.organisation), 403),
        (user_with_role(Role.PROFESSIONAL), 404),
    ]:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == status
            assert client.post(url, {"ended_on": "1.2.2026"}).status_code == status
    membership.refresh_from_db()
    assert membership.ended_on is None


def test_membership_list_runs_the_same_queries_for_1_and_10(client, rollout, units):
    client.force_login(user_with_role(Role.PROFESSIONAL, rollout.organisation))
    url = reverse("compass:membership-list", args=[rollout.pk])

    def add(n):
        for _ in range(n):
            UnitMembership.objects.create(
                citizen=CitizenFactory(organisation=rollout.organisation),
                unit=units[0],
                started_on=date(2026, 1, 1),
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    add(1)
    count()  # the first logged read also creates the access log's head
    one = count()
    add(9)
    assert count() == one
