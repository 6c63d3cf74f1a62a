"""People pages: need-to-know access, clear Danish messages, logging and bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.core.models import AccessLogEntry
from samskab.people.models import Citizen, Role

from .factories import (
    CitizenFactory,
    ConsentFactory,
    OrganisationFactory,
    citizen_with_login,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def professional(organisation):
    return user_with_role(Role.PROFESSIONAL, organisation)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_citizen_list_shows_only_own_organisation_and_logs_each_read(client, professional):
    mine = CitizenFactory(organisation=professional.staff_member.organisation)
    other = CitizenFactory()
    client.force_login(professional)
    html = client.get(reverse("people:citizen-list")).content.decode()
    assert mine.display_name in html and other.display_name not in html
    entry = AccessLogEntry.objects.get()
    assert (entry.citizen_id, entry.action, entry.actor_id) == (mine.pk, "read", professional.pk)


def test_citizen_list_runs_the_same_queries_for_1_and_10_citizens(client, professional):
    org = professional.staff_member.organisation
    CitizenFactory(organisation=org)
    client.force_login(professional)
    url = reverse("people:citizen-list")
    client.get(url)  # warm the session
    one = _queries(client, url)
    CitizenFactory.create_batch(9, organisation=org)
    assert _queries(client, url) == one


def test_citizen_detail_is_logged_with_purpose(client, professional):
    citizen = CitizenFactory(organisation=professional.staff_member.organisation)
    client.force_login(professional)
    response = client.get(citizen.get_absolute_url())
    assert response.status_code == 200
    assert AccessLogEntry.objects.get().purpose == "Borgerens stamdata"


@pytest.mark.parametrize("role", [Role.LEADER, Role.RESEARCHER])
def test_roles_without_need_to_know_get_403_on_citizen_pages(client, role, organisation):
    user = user_with_role(role, organisation)
    citizen = CitizenFactory(organisation=organisation)
    client.force_login(user)
    assert client.get(reverse("people:citizen-list")).status_code == 403
    assert client.get(reverse("people:citizen-create")).status_code == 403
    assert client.get(citizen.get_absolute_url()).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_other_organisation_gets_404_for_citizen_and_consent(client, professional):
    stranger = CitizenFactory()
    consent = ConsentFactory(citizen=stranger)
    client.force_login(professional)
    assert client.get(stranger.get_absolute_url()).status_code == 404
    url = reverse("people:consent-withdraw", args=[stranger.pk, consent.pk])
    assert client.post(url).status_code == 404
    consent.refresh_from_db()
    assert consent.is_active


def test_citizen_reaching_for_another_citizen_gets_404_page(client):
    me = citizen_with_login()
    other = CitizenFactory(organisation=me.organisation)
    client.force_login(me.user)
    response = client.get(other.get_absolute_url())
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()
    assert not AccessLogEntry.objects.filter(citizen_id=other.pk).exists()


def test_anonymous_is_sent_to_login(client):
    citizen = CitizenFactory()
    response = client.get(citizen.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_create_citizen_without_consent_shows_danish_error_and_writes_nothing(client, professional):
    client.force_login(professional)
    response = client.post(
        reverse("people:citizen-create"),
        {"organisation": professional.staff_member.organisation.pk, "display_name": "K.L."},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "samtykke til registrering" in html
    assert 'data-testid="error-summary"' in html
    assert not Citizen.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_create_citizen_with_consent(client, professional):
    client.force_login(professional)
    response = client.post(
        reverse("people:citizen-create"),
        {
            "organisation": professional.staff_member.organisation.pk,
            "display_name": "K.L.",
            "birth_year": "1990",
            "consents": ["registration"],
        },
    )
    citizen = Citizen.objects.get()
    assert response.status_code == 302 and response.url == citizen.get_absolute_url()
    assert citizen.has_consent("registration")


def test_create_citizen_in_foreign_organisation_is_refused(client, professional):
    client.force_login(professional)
    foreign = OrganisationFactory()
    response = client.post(
        reverse("people:citizen-create"),
        {"organisation": foreign.pk, "display_name": "K.L.", "consents": ["registration"]},
    )
    assert response.status_code == 200
    assert not Citizen.objects.exists()


def test_cpr_number_in_form_gets_field_error(client, professional):
    client.force_login(professional)
    response = client.post(
        reverse("people:citizen-create"),
        {
            "organisation": professional.staff_member.organisation.pk,
            "display_name": "0101901234",
            "consents": ["registration"],
        },
    )
    assert "ligner et CPR-nummer" in response.content.decode()
    assert not Citizen.objects.exists()


def test_update_after_withdrawn_consent_is_refused_with_message(client, professional):
    citizen = CitizenFactory(organisation=professional.staff_member.organisation)
    ConsentFactory(citizen=citizen)
    client.force_login(professional)
    consent = citizen.consents.get()
    client.post(reverse("people:consent-withdraw", args=[citizen.pk, consent.pk]))
    response = client.post(
        reverse("people:citizen-update", args=[citizen.pk]), {"display_name": "Nyt navn"}
    )
    assert "har trukket samtykket til registrering i Samskab tilbage den" in (
        response.content.decode()
    )
    citizen.refresh_from_db()
    assert citizen.display_name != "Nyt navn"


def test_citizen_sees_own_page_with_my_log_and_can_withdraw(client):
    me = citizen_with_login()
    staff = user_with_role(Role.SUPERVISOR, me.organisation)
    client.force_login(staff)
    client.get(me.get_absolute_url())
    client.force_login(me.user)
    html = client.get(reverse("people:my-page")).content.decode()
    assert "Min log" in html and staff.username in html and "Borgerens stamdata" in html
    consent = me.consents.get()
    response = client.post(reverse("people:consent-withdraw", args=[me.pk, consent.pk]))
    assert response.url == reverse("people:my-page")
    assert not me.has_consent("registration")


def test_my_page_queries_do_not_grow_with_log(client):
    me = citizen_with_login()
    client.force_login(me.user)
    url = reverse("people:my-page")
    client.get(url)
    first = _queries(client, url)
    for _ in range(5):
        client.get(url)
    assert _queries(client, url) == first


def test_organisation_pages_for_staff_only(client, organisation):
    leader = user_with_role(Role.LEADER, organisation)
    client.force_login(leader)
    assert organisation.name in client.get(reverse("people:organisation-list")).content.decode()
    detail = reverse("people:organisation-detail", args=[organisation.pk])
    assert client.get(detail).status_code == 200
    citizen = citizen_with_login()
    client.force_login(citizen.user)
    assert client.get(reverse("people:organisation-list")).status_code == 403


def test_language_switch_to_english_and_back(client, professional):
    client.force_login(professional)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.get("/").content.decode().count('lang="en"') >= 1
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    assert '<html lang="da">' in client.get("/").content.decode()


def test_user_without_roles_sees_no_menu_links_they_cannot_open(client):
    from .factories import UserFactory

    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert reverse("people:organisation-list") not in html
    assert client.get(reverse("people:organisation-list")).status_code == 403


def test_my_log_shows_purposes_in_english_when_switched(client):
    me = citizen_with_login()
    client.force_login(me.user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("people:my-page")).content.decode()
    assert "The citizen&#x27;s own page" in html or "The citizen's own page" in html


def test_consent_change_through_htmx_returns_only_the_updated_section(client, professional):
    citizen = CitizenFactory(organisation=professional.staff_member.organisation)
    consent = ConsentFactory(citizen=citizen)
    client.force_login(professional)
    response = client.post(
        reverse("people:consent-withdraw", args=[citizen.pk, consent.pk]),
        headers={"hx-request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<section") and "<html" not in html
    assert "Samtykket er trukket tilbage." in html and "Trukket tilbage" in html
    assert not citizen.has_consent("registration")


def test_citizen_menu_shows_only_their_own_things(client):
    me = citizen_with_login()
    client.force_login(me.user)
    html = client.get(reverse("people:my-page")).content.decode()
    for name in ["people:my-page", "partnerships:my-partnership", "pathways:team-list"]:
        assert f'href="{reverse(name)}"' in html
    assert f'href="{reverse("people:citizen-list")}"' not in html
    assert f'href="{reverse("people:organisation-list")}"' not in html
