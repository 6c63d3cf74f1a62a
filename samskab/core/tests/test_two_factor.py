"""Two-factor codes at login: wrong TOTP and recovery codes lock the account's two-factor step
for a while (allauth's limit, counted per user in the shared database cache). Passwords stay
with django-axes: test_login.test_five_failures_lock_the_account_even_for_the_right_password."""

import datetime
import time

import pytest
import time_machine
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.people.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
LOCKED = "totrinsbekræftelsen er spærret for din konto"


def _totp_user():
    user = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def _right(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _wrong(secret):
    return f"{(int(_right(secret)) + 1) % 1_000_000:06d}"


def _password_step(client, user):
    response = client.post(LOGIN, {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")


def _code(client, code):
    return client.post(reverse("mfa_authenticate"), {"code": code})


def _logged_in(client):
    return "_auth_user_id" in client.session


def _rows_in_cache_table(like):
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM samskab_cache WHERE cache_key LIKE %s", [like])
        return cursor.fetchone()[0]


def test_the_default_cache_is_shared_through_the_database():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    cache.set("samskab-shared", "ja")
    # Another worker or server reads the same table (the test database gets it when created).
    assert _rows_in_cache_table("%samskab-shared") == 1


def test_right_totp_code_logs_in():
    user, secret = _totp_user()
    client = Client()
    _password_step(client, user)
    response = _code(client, _right(secret))
    assert response.status_code == 302
    assert _logged_in(client)


def test_wrong_code_says_so_in_danish():
    user, secret = _totp_user()
    client = Client()
    _password_step(client, user)
    response = _code(client, _wrong(secret))
    assert response.status_code == 200
    assert "Forkert kode." in response.content.decode()
    assert not _logged_in(client)


def test_25_wrong_totp_codes_then_the_right_one_is_refused():
    user, secret = _totp_user()
    client = Client()
    _password_step(client, user)
    for _ in range(25):
        _code(client, _wrong(secret))
    response = _code(client, _right(secret))
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not _logged_in(client)


def test_the_lock_starts_at_the_limit_not_before():
    user, secret = _totp_user()
    client = Client()
    _password_step(client, user)
    for _ in range(settings.TWO_FACTOR_FAILURE_LIMIT - 1):
        assert LOCKED not in _code(client, _wrong(secret)).content.decode()
    _code(client, _right(secret))
    assert _logged_in(client)


def test_wrong_recovery_codes_lock_the_step_too():
    user, _secret = _totp_user()
    codes = RecoveryCodes.activate(user).generate_codes()
    client = Client()
    _password_step(client, user)
    for attempt in range(25):
        wrong = f"{attempt:08x}"
        assert wrong not in codes
        _code(client, wrong)
    response = _code(client, codes[0])
    assert LOCKED in response.content.decode()
    assert not _logged_in(client)


def test_the_lock_holds_for_a_second_client_of_the_same_account():
    """Like a second browser, worker or server: the count lives in the shared cache."""
    user, secret = _totp_user()
    first, second = Client(), Client()
    _password_step(first, user)
    for _ in range(settings.TWO_FACTOR_FAILURE_LIMIT):
        _code(first, _wrong(secret))
    _password_step(second, user)
    response = _code(second, _right(secret))
    assert LOCKED in response.content.decode()
    assert not _logged_in(second)
    assert _rows_in_cache_table("%login_failed%") >= 1


def test_the_lock_is_per_account():
    locked, _ = _totp_user()
    colleague, colleague_secret = _totp_user()
    client = Client()
    _password_step(client, locked)
    for _ in range(settings.TWO_FACTOR_FAILURE_LIMIT):
        _code(client, "000000")
    other = Client()
    _password_step(other, colleague)
    _code(other, _right(colleague_secret))
    assert _logged_in(other)


def test_the_lock_lifts_after_the_lockout_period():
    user, secret = _totp_user()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = Client()
        _password_step(client, user)
        for _ in range(settings.TWO_FACTOR_FAILURE_LIMIT):
            _code(client, _wrong(secret))
    later = start + datetime.timedelta(minutes=settings.TWO_FACTOR_LOCKOUT_MINUTES - 1)
    with time_machine.travel(later, tick=False):
        assert LOCKED in _code(client, _right(secret)).content.decode()
    later = start + datetime.timedelta(minutes=settings.TWO_FACTOR_LOCKOUT_MINUTES + 1)
    with time_machine.travel(later, tick=False):
        client = Client()
        _password_step(client, user)
        _code(client, _right(secret))
        assert _logged_in(client)


def test_at_most_four_lockouts_a_day():
    """Waiting out each lock still allows only 4 × the limit wrong codes in 24 hours."""
    user, secret = _totp_user()
    start = timezone.now()
    client = Client()
    for period in range(4):
        moment = start + period * datetime.timedelta(
            minutes=settings.TWO_FACTOR_LOCKOUT_MINUTES + 1
        )
        with time_machine.travel(moment, tick=False):
            client = Client()
            _password_step(client, user)
            for _ in range(settings.TWO_FACTOR_FAILURE_LIMIT):
                assert LOCKED not in _code(client, _wrong(secret)).content.decode()
    moment += datetime.timedelta(minutes=settings.TWO_FACTOR_LOCKOUT_MINUTES + 1)
    with time_machine.travel(moment, tick=False):
        client = Client()
        _password_step(client, user)
        assert LOCKED in _code(client, _right(secret)).content.decode()
    with time_machine.travel(start + datetime.timedelta(hours=24, minutes=1), tick=False):
        client = Client()
        _password_step(client, user)
        _code(client, _right(secret))
        assert _logged_in(client)


def _logged_in_with_totp():
    user, secret = _totp_user()
    client = Client()
    _password_step(client, user)
    _code(client, _right(secret))
    return client, secret


def test_reauthentication_with_a_code_is_limited_too():
    client, secret = _logged_in_with_totp()
    url = reverse("mfa_reauthenticate")
    for _ in range(settings.TWO_FACTOR_FAILURE_LIMIT):
        client.post(url, {"code": _wrong(secret)})
    response = client.post(url, {"code": _right(secret)})
    assert LOCKED in response.content.decode()


def test_too_many_reauthentication_attempts_get_a_danish_page():
    client, secret = _logged_in_with_totp()
    url = reverse("mfa_reauthenticate")
    for _ in range(25):
        response = client.post(url, {"code": _wrong(secret)})
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()
