"""Login: clear Danish messages for wrong password, disabled accounts and lock-out; 2FA policy."""

import pytest
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.urls import reverse

from samskab.people.models import Role
from samskab.people.tests.factories import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _login(client, username, password):
    return client.post(LOGIN, {"login": username, "password": password})


def test_pages_require_login(client):
    for url in ["/", "/personer/borgere/", "/personer/organisationer/", "/praksis/pathways/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)


def test_public_pages_open_without_login(client):
    assert client.get(reverse("core:accessibility")).status_code == 200
    assert client.get(LOGIN).status_code == 200


def test_correct_password_logs_in(client):
    user = UserFactory()
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert client.get("/").context["user"] == user


def test_wrong_password_gives_danish_message(client):
    user = UserFactory()
    response = _login(client, user.username, "forkert")
    assert response.status_code == 200
    html = response.content.decode()
    assert "adgangskoden er ikke korrekt" in html
    assert 'data-testid="error-summary"' in html
    assert "_auth_user_id" not in client.session


def test_disabled_account_cannot_log_in(client):
    user = UserFactory(is_active=False)
    response = _login(client, user.username, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert "Kontoen er deaktiveret" in client.get(response.url).content.decode()


def test_five_failures_lock_the_account_even_for_the_right_password(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.username, "forkert")
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "midlertidigt spærret" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username=user.username).failures_since_start >= 5


def test_lockout_is_per_account_not_per_office(client, settings):
    locked, colleague = UserFactory(), UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, locked.username, "forkert")
    assert _login(client, colleague.username, PASSWORD).status_code == 302


def test_staff_with_citizen_data_must_set_up_2fa_when_organisation_requires_it(client):
    user = user_with_role(Role.PROFESSIONAL)
    user.staff_member.organisation.requires_two_factor = True
    user.staff_member.organisation.save()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_2fa_policy_leaves_roles_without_citizen_data_alone(client):
    user = user_with_role(Role.LEADER)
    user.staff_member.organisation.requires_two_factor = True
    user.staff_member.organisation.save()
    client.force_login(user)
    assert client.get("/").status_code == 200


def test_staff_with_totp_passes_the_2fa_policy(client, settings):
    settings.SAMSKAB_REQUIRE_2FA_FOR_CITIZEN_DATA = True
    user = user_with_role(Role.SUPERVISOR)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(user)
    assert client.get("/").status_code == 200


def test_danish_is_the_default_even_for_an_english_browser(client):
    response = client.get(LOGIN, headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="da">' in response.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    assert '<html lang="en">' in client.get(LOGIN).content.decode()
