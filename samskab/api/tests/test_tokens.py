"""Personal API tokens: the pages' two-factor policy, expiry, revocation after confirmation,
and throttling per token (per user for the browser session)."""

import datetime

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.template.defaultfilters import date
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.api.actions import MAX_ACTIVE_TOKENS, create_token, revoke_token
from samskab.api.models import DEFAULT_LIFETIME_DAYS, MAX_LIFETIME_DAYS, ApiToken
from samskab.api.testing import ApiClient
from samskab.core.tests.dates import days_ago, days_ahead, pinned
from samskab.people.models import Role
from samskab.people.tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
TOKEN_PAGE = "/konto/api-noegler/"


def _requires_two_factor(user):
    organisation = user.staff_member.organisation
    organisation.requires_two_factor = True
    organisation.save()


def _set_up_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})


# The two-factor policy


def test_token_made_before_the_organisation_required_2fa_stops_until_totp_is_set_up():
    professional = user_with_role(Role.PROFESSIONAL)
    api = ApiClient(professional)
    assert api.get("/people/citizens").status_code == 200
    _requires_two_factor(professional)

    response = api.get("/people/citizens")
    assert response.status_code == 403
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["title"] == "Ingen adgang"
    assert "kræver totrinsbekræftelse" in body["detail"]
    assert "godkendelsesapp" in body["detail"]
    assert "items" not in body
    # The pages say the same: set up TOTP first.
    pages = Client()
    pages.force_login(professional)
    assert pages.get("/").url == reverse("mfa_activate_totp")

    _set_up_totp(professional)
    assert api.get("/people/citizens").status_code == 200


def test_refused_token_is_not_marked_as_used():
    professional = user_with_role(Role.PROFESSIONAL)
    token, secret = create_token(by=professional, name="x")
    _requires_two_factor(professional)
    assert ApiClient(secret=secret).get("/me").status_code == 403
    token.refresh_from_db()
    assert token.last_used_at is None


def test_installation_wide_2fa_requirement_applies_to_tokens(settings):
    supervisor = user_with_role(Role.SUPERVISOR)
    api = ApiClient(supervisor)
    settings.SAMSKAB_REQUIRE_2FA_FOR_CITIZEN_DATA = True
    assert api.get("/me").status_code == 403
    _set_up_totp(supervisor)
    assert api.get("/me").status_code == 200


def test_2fa_requirement_leaves_tokens_of_roles_without_citizen_data_alone(settings):
    leader = user_with_role(Role.LEADER)
    _requires_two_factor(leader)
    settings.SAMSKAB_REQUIRE_2FA_FOR_CITIZEN_DATA = True
    assert ApiClient(leader).get("/me").status_code == 200


# Expiry


def test_new_token_expires_after_the_default_lifetime():
    token, _secret = create_token(by=UserFactory(), name="x")
    assert token.expires_on == days_ahead(DEFAULT_LIFETIME_DAYS)


def test_token_works_through_its_expiry_day_and_is_refused_after():
    user = UserFactory()
    _token, secret = create_token(by=user, name="Datavarehus", expires_on=days_ahead(10))
    with pinned(days_ahead(10), hour=23):
        assert ApiClient(secret=secret).get("/me").status_code == 200
    with pinned(days_ahead(11), hour=0):
        response = ApiClient(secret=secret).get("/me")
    assert response.status_code == 401
    assert response["Content-Type"].startswith(PROBLEM)
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    detail = response.json()["detail"]
    assert "udløbet" in detail
    assert "Opret en ny" in detail


def test_revoked_token_says_it_was_revoked():
    user = UserFactory()
    token, secret = create_token(by=user, name="x")
    revoke_token(by=user, token=token)
    response = ApiClient(secret=secret).get("/me")
    assert response.status_code == 401
    assert "tilbagekaldt" in response.json()["detail"]


@pytest.mark.parametrize(
    ("expires_on", "message"),
    [
        (days_ago(1), "efter i dag"),
        (timezone.localdate, "efter i dag"),
        (lambda: days_ahead(MAX_LIFETIME_DAYS + 1), "højst gælde ét år"),
    ],
    ids=["yesterday", "today", "over-a-year"],
)
def test_expiry_must_be_after_today_and_within_a_year(expires_on, message):
    day = expires_on() if callable(expires_on) else expires_on
    with pytest.raises(ValidationError) as refused:
        create_token(by=UserFactory(), name="x", expires_on=day)
    assert message in " ".join(refused.value.message_dict["expires_on"])
    assert not ApiToken.objects.exists()


def test_a_year_ahead_is_the_longest_allowed():
    token, _secret = create_token(by=UserFactory(), name="x", expires_on=days_ahead(365))
    assert token.expires_on == days_ahead(365)


def test_expired_tokens_do_not_count_towards_the_limit():
    user = UserFactory()
    for _ in range(MAX_ACTIVE_TOKENS):
        create_token(by=user, name="x", expires_on=days_ahead(1))
    with pytest.raises(ValidationError):
        create_token(by=user, name="one too many")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        create_token(by=user, name="after the others expired")


def _logged_in_client(user=None):
    client = Client()
    client.force_login(user or UserFactory())
    return client


def test_token_page_proposes_the_default_expiry_and_states_the_maximum():
    html = _logged_in_client().get(TOKEN_PAGE).content.decode()
    assert f'value="{days_ahead(DEFAULT_LIFETIME_DAYS).isoformat()}"' in html
    assert 'type="date"' in html
    assert "højst ét år frem" in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Vælg en udløbsdato."),
        ("i morgen", "Skriv datoen som dag.måned.år"),
        (days_ago(1).isoformat(), "Vælg en udløbsdato efter i dag."),
        (days_ahead(MAX_LIFETIME_DAYS + 30).isoformat(), "En nøgle kan højst gælde ét år"),
    ],
    ids=["empty", "not-a-date", "past", "too-far"],
)
def test_token_page_refuses_a_bad_expiry_on_the_field_and_keeps_the_name(value, message):
    response = _logged_in_client().post(TOKEN_PAGE, {"name": "Datavarehus", "expires_on": value})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["expires_on"])
    html = response.content.decode()
    assert message in html
    assert 'value="Datavarehus"' in html
    assert response.context["secret"] is None
    assert not ApiToken.objects.exists()


def test_token_list_shows_created_last_used_and_expiry():
    user = UserFactory()
    expires_on = days_ahead(40)
    with pinned(days_ago(5), hour=9):
        _token, secret = create_token(by=user, name="Datavarehus", expires_on=expires_on)
    _expired_token, _secret = create_token(by=user, name="Gammel", expires_on=days_ahead(1))
    with pinned(days_ago(2), hour=14):
        ApiClient(secret=secret).get("/me")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        response = _logged_in_client(user).get(TOKEN_PAGE)
    html = response.content.decode()
    for header in ("Oprettet", "Sidst brugt", "Udløber", "Status"):
        assert f'<th scope="col">{header}</th>' in html
    assert date(days_ago(5), "j. F Y") in html  # created
    assert date(days_ago(2), "j. F Y") in html  # last used
    assert date(expires_on, "j. F Y") in html  # expires
    assert "Udløbet" in html  # the other one
    assert "Tilbagekald Gammel" not in html
    assert "Tilbagekald Datavarehus" in html


# Revocation asks first


def test_revoking_asks_for_confirmation_first():
    user = UserFactory()
    token, secret = create_token(by=user, name="Datavarehus")
    client = _logged_in_client(user)
    url = reverse("api:token-revoke", args=[token.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tilbagekald nøglen «Datavarehus»?" in html
    assert token.hint in html
    assert f'href="{TOKEN_PAGE}"' in html  # Fortryd
    token.refresh_from_db()
    assert token.is_active
    assert ApiClient(secret=secret).get("/me").status_code == 200

    response = client.post(url)
    assert response.status_code == 302
    assert response.url == TOKEN_PAGE
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_confirmation_page_for_a_revoked_token_goes_back_to_the_list():
    user = UserFactory()
    token, _secret = create_token(by=user, name="x")
    revoke_token(by=user, token=token)
    client = _logged_in_client(user)
    response = client.get(reverse("api:token-revoke", args=[token.pk]), follow=True)
    assert response.redirect_chain == [(TOKEN_PAGE, 302)]
    assert "allerede tilbagekaldt" in response.content.decode()
    again = client.post(reverse("api:token-revoke", args=[token.pk]), follow=True)
    assert "allerede tilbagekaldt" in again.content.decode()


# Throttling


def test_token_over_the_rate_gets_429_with_retry_after(settings):
    settings.API_THROTTLE_RATE = "3/m"
    api = ApiClient(UserFactory())
    for _ in range(3):
        assert api.get("/me").status_code == 200
    response = api.get("/me")
    assert response.status_code == 429
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["title"] == "For mange forespørgsler"
    assert body["type"].endswith("/throttled")
    assert "Vent lidt" in body["detail"]
    assert 0 < int(response["Retry-After"]) <= 60


def test_throttling_is_per_token_and_shared_by_every_client_of_it(settings):
    settings.API_THROTTLE_RATE = "2/m"
    user = UserFactory()
    _token, secret = create_token(by=user, name="a")
    first, second = ApiClient(secret=secret), ApiClient(secret=secret)
    assert first.get("/me").status_code == 200
    assert second.get("/me").status_code == 200
    assert first.get("/me").status_code == 429
    assert second.get("/me").status_code == 429
    assert ApiClient(user).get("/me").status_code == 200  # the user's other token


def test_throttle_lifts_when_the_period_has_passed(settings):
    settings.API_THROTTLE_RATE = "1/m"
    api = ApiClient(UserFactory())
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert api.get("/me").status_code == 200
        assert api.get("/me").status_code == 429
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert api.get("/me").status_code == 200


def test_session_requests_are_throttled_per_user(settings):
    settings.API_THROTTLE_RATE = "2/m"
    user = UserFactory()
    tab, other_tab = _logged_in_client(user), _logged_in_client(user)
    assert tab.get("/api/v1/me").status_code == 200
    assert other_tab.get("/api/v1/me").status_code == 200
    refused = tab.get("/api/v1/me")
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert _logged_in_client().get("/api/v1/me").status_code == 200  # someone else


def test_refused_tokens_are_not_throttled_into_a_different_answer(settings):
    settings.API_THROTTLE_RATE = "1/m"
    for _ in range(3):
        assert ApiClient(secret="smk_unknown").get("/me").status_code == 401


def test_empty_rate_turns_throttling_off(settings):
    settings.API_THROTTLE_RATE = ""
    api = ApiClient(UserFactory())
    assert all(api.get("/me").status_code == 200 for _ in range(5))


def test_openapi_documents_429():
    document = Client().get("/api/v1/openapi.json").json()
    assert "429" in document["paths"]["/api/v1/me"]["get"]["responses"]


def test_last_use_is_written_at_most_once_a_minute():
    user = UserFactory()
    token, secret = create_token(by=user, name="x")
    api = ApiClient(secret=secret)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        api.get("/me")
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        api.get("/me")
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        api.get("/me")
    token.refresh_from_db()
    assert token.last_used_at == start + datetime.timedelta(seconds=61)


def test_retry_after_counts_until_the_oldest_request_leaves_the_window(settings):
    settings.API_THROTTLE_RATE = "2/m"
    api = ApiClient(UserFactory())
    start = timezone.now()
    for seconds, status in ((0, 200), (30, 200), (40, 429)):
        with time_machine.travel(start + datetime.timedelta(seconds=seconds), tick=False):
            response = api.get("/me")
        assert response.status_code == status
    assert response["Retry-After"] == "20"
