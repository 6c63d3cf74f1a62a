"""The citizen withdraws their own consent: what it means first, then confirm (PRG)."""

import pytest
from django.urls import reverse

from samskab.core.models import AccessLogEntry
from samskab.people.models import Consent, ConsentPurpose

from .factories import ConsentFactory, citizen_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(client):
    citizen = citizen_with_login()
    ConsentFactory(citizen=citizen, purpose=ConsentPurpose.PATHWAY)
    client.force_login(citizen.user)
    return citizen


def _confirm_url(consent):
    return reverse("people:my-consent-withdraw", args=[consent.pk])


def test_my_page_leads_to_the_confirmation_instead_of_withdrawing_at_once(client, citizen):
    consent = citizen.consents.get(purpose=ConsentPurpose.PATHWAY)
    html = client.get(reverse("people:my-page")).content.decode()
    assert _confirm_url(consent) in html
    assert reverse("people:consent-withdraw", args=[citizen.pk, consent.pk]) not in html


def test_confirmation_says_what_stops_and_what_is_kept_and_changes_nothing(client, citizen):
    consent = citizen.consents.get(purpose=ConsentPurpose.PATHWAY)
    html = client.get(_confirm_url(consent)).content.decode()
    assert "Du er ved at trække dit samtykke til et sammenhængende borgerforløb tilbage" in html
    assert "Teamet kan ikke skrive nyt i dit forløb" in html
    assert "Fem år efter, at forløbet er afsluttet, anonymiseres det." in html
    assert "Du kan altid give samtykket igen" in html
    assert "Ja, træk mit samtykke tilbage" in html
    consent.refresh_from_db()
    assert consent.is_active  # reading the explanation withdraws nothing
    assert AccessLogEntry.objects.filter(
        citizen_id=citizen.pk, purpose="Borgerens samtykker"
    ).exists()


def test_confirming_withdraws_and_redirects_to_my_page(client, citizen):
    consent = citizen.consents.get(purpose=ConsentPurpose.PATHWAY)
    response = client.post(_confirm_url(consent))
    assert response.status_code == 302 and response.url == reverse("people:my-page")
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == citizen.user
    page = client.get(response.url).content.decode()
    assert "Dit samtykke til et sammenhængende borgerforløb er trukket tilbage." in page
    # The other consent is untouched.
    assert citizen.consents.active().filter(purpose=ConsentPurpose.REGISTRATION).exists()


def test_an_already_withdrawn_consent_is_not_withdrawn_twice(client, citizen):
    consent = citizen.consents.get(purpose=ConsentPurpose.PATHWAY)
    client.post(_confirm_url(consent))
    first = Consent.objects.get(pk=consent.pk).withdrawn_at
    response = client.post(_confirm_url(consent), follow=True)
    assert "Samtykket er allerede trukket tilbage." in response.content.decode()
    assert Consent.objects.get(pk=consent.pk).withdrawn_at == first


def test_another_citizens_consent_gives_404_and_stays(client, citizen):
    other = citizen_with_login()
    consent = other.consents.get()
    assert client.get(_confirm_url(consent)).status_code == 404
    assert client.post(_confirm_url(consent)).status_code == 404
    consent.refresh_from_db()
    assert consent.is_active


def test_every_purpose_has_an_explanation(client, citizen):
    for purpose in ConsentPurpose.values:
        consent = Consent.objects.filter(citizen=citizen, purpose=purpose).first()
        consent = consent or ConsentFactory(citizen=citizen, purpose=purpose)
        html = client.get(_confirm_url(consent)).content.decode()
        assert 'data-testid="withdrawal-stops"' in html, purpose
        assert 'data-testid="withdrawal-kept"' in html, purpose
