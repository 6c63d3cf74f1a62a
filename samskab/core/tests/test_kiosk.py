"""Citizen mode on a professional's device (core/kiosk.py): only the hand-over's own page,
the lock screen for everything else, idle expiry, and unlocking with password or code.

Driven through the meeting-rating hand-over; the WHO-5 one is tested in outcomes.
"""

import datetime

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from axes.models import AccessAttempt
from django.urls import reverse

from samskab.pathways.models import MeetingRating, TeamRole
from samskab.pathways.tests.factories import MeetingFactory, PathwayFactory, TeamFactory, team_user
from samskab.people.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOCK = reverse("core:kiosk-lock")
SCORES = {"heard": "9", "what_matters": "8", "way_of_working": "7", "overall": "8"}


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def member(team):
    user = team_user(team, TeamRole.COORDINATOR)
    user.first_name, user.last_name = "Fatima", "Fagperson"
    user.save()
    return user


@pytest.fixture
def meeting(team):
    return MeetingFactory(pathway=PathwayFactory(team=team, citizen__display_name="Anders"))


@pytest.fixture
def handed_over(client, member, meeting):
    """The member's session after "Giv skærmen til borgeren": the rating screen's URL."""
    client.force_login(member)
    response = client.post(reverse("pathways:handover-start", args=[meeting.pk]))
    assert response.status_code == 302
    return response.url


def _html(response):
    return response.content.decode()


def _assert_neutral(html, *names):
    assert "Giv enheden tilbage" in html
    assert "Hovedmenu" not in html and "<nav" not in html
    for name in names:
        assert name not in html, name


def test_citizen_mode_serves_only_the_handover_page(client, handed_over, member, meeting, team):
    other = PathwayFactory(team=team, citizen__display_name="Mille")
    assert client.get(handed_over).status_code == 200
    for url in [
        meeting.get_absolute_url(),  # the back button
        other.get_absolute_url(),  # a typed URL of another citizen's pathway
        reverse("people:citizen-list"),
        reverse("outcomes:citizen-list"),
        reverse("core:home"),
        "/api/v1/pathways/",
        "/admin/",
        reverse("account_email"),
        "/no-such-page/",
    ]:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, LOCK), url
    # A form posted from a professional's page left open in another tab changes nothing.
    response = client.post(reverse("pathways:pathway-goals", args=[other.pk]), {"goals": "x"})
    assert response.url == LOCK
    html = _html(client.get(LOCK))
    _assert_neutral(html, "Anders", "Mille", "Fatima", member.username, team.name)
    assert "Tilbage til spørgsmålene" in html  # the hand-over is still open
    assert client.get(handed_over).status_code == 200


def test_htmx_requests_in_citizen_mode_go_to_the_lock_screen(client, handed_over, meeting):
    response = client.get(meeting.get_absolute_url(), headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == LOCK


def test_professional_pages_are_never_stored_by_the_browser(client, member, meeting):
    client.force_login(member)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    client.logout()
    public = client.get(reverse("core:accessibility"))
    assert "no-store" not in public.headers.get("Cache-Control", "")


def test_after_the_answer_every_page_shows_the_lock_screen(client, handed_over, meeting):
    assert client.post(handed_over, SCORES).url == LOCK
    for url in [handed_over, meeting.get_absolute_url(), reverse("core:home")]:
        assert client.get(url).url == LOCK
    html = _html(client.get(LOCK))
    assert "Tak. Dine svar er gemt." in html and "Tilbage til spørgsmålene" not in html
    assert MeetingRating.objects.count() == 1


def test_wrong_password_keeps_the_device_locked(client, handed_over, meeting):
    client.post(handed_over, {"skip": "1"})
    response = client.post(LOCK, {"password": "forkert"})
    assert response.status_code == 200
    assert "Adgangskoden er ikke korrekt. Prøv igen." in _html(response)
    assert client.get(meeting.get_absolute_url()).url == LOCK
    response = client.post(LOCK, {"password": ""})
    assert "Skriv din adgangskode for at låse op." in _html(response)
    assert client.get(meeting.get_absolute_url()).url == LOCK


def test_right_password_returns_to_the_meeting_with_a_message(client, handed_over, meeting):
    client.post(handed_over, SCORES)
    response = client.post(LOCK, {"password": PASSWORD})
    assert response.url == meeting.get_absolute_url()
    html = _html(client.get(response.url))
    assert "Borgerens vurdering er gemt." in html
    assert "Fatima" in html  # the professional's own layout again
    assert client.get(LOCK).url == reverse("core:home")  # nothing left to unlock


def test_unlocking_before_the_citizen_is_done_says_nothing_was_stored(client, handed_over):
    response = client.post(LOCK, {"password": PASSWORD}, follow=True)
    assert "Overleveringen er afbrudt. Borgerens svar er ikke gemt." in _html(response)
    assert client.get(handed_over).status_code == 404
    assert not MeetingRating.objects.exists()


def test_failed_unlocks_count_towards_the_lock_out(client, handed_over, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(LOCK, {"password": "forkert"}).status_code == 200
    response = client.post(LOCK, {"password": "forkert"})
    assert response.status_code == 429
    html = _html(response)
    assert "Kontoen er midlertidigt spærret" in html and "Fatima" not in html
    assert "_auth_user_id" not in client.session  # the device is logged out
    assert AccessAttempt.objects.get(username=member.username).failures_since_start >= 5
    assert client.get(handed_over).status_code == 302  # to the login page now


def test_successful_unlock_resets_the_failure_count(client, handed_over, member):
    client.post(LOCK, {"password": "forkert"})
    client.post(LOCK, {"password": PASSWORD})
    assert not AccessAttempt.objects.filter(username=member.username).exists()


def _current_code(secret):
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_a_code_from_the_authenticator_app_unlocks_too(client, handed_over, member, meeting):
    secret = generate_totp_secret()
    TOTP.activate(member, secret)
    client.post(handed_over, {"skip": "1"})
    html = _html(client.get(LOCK))
    assert "Eller: kode fra din godkendelsesapp" in html
    response = client.post(LOCK, {"password": "", "code": ""})
    assert "Skriv din adgangskode eller koden fra din godkendelsesapp" in _html(response)
    wrong = f"{(int(_current_code(secret)) + 1) % 10**6:06d}"
    response = client.post(LOCK, {"code": wrong})
    assert "Koden er ikke korrekt. Prøv igen." in _html(response)
    assert AccessAttempt.objects.get(username=member.username).failures_since_start == 1
    assert client.get(meeting.get_absolute_url()).url == LOCK
    response = client.post(LOCK, {"code": _current_code(secret)})
    assert response.url == meeting.get_absolute_url()


def test_without_a_password_or_app_the_lock_screen_offers_only_logging_off(client, member, meeting):
    member.set_unusable_password()  # e.g. logged in through the organisation's sign-on
    member.save()
    client.force_login(member)
    client.post(reverse("pathways:handover-start", args=[meeting.pk]))
    html = _html(client.get(LOCK))
    assert 'type="password"' not in html and "Log af, og log ind igen." in html
    response = client.post(LOCK, {"password": PASSWORD})
    assert response.status_code == 200 and "Log af, og log ind igen." in _html(response)
    assert client.get(meeting.get_absolute_url()).url == LOCK


def test_logging_off_from_the_lock_screen(client, handed_over):
    html = _html(client.get(LOCK))
    assert f'action="{reverse("account_logout")}"' in html
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(handed_over).url.startswith(reverse("account_login"))


def test_an_idle_citizen_screen_locks(client, member, meeting, settings):
    client.force_login(member)
    with time_machine.travel(datetime.datetime.now(datetime.UTC), tick=False) as clock:
        url = client.post(reverse("pathways:handover-start", args=[meeting.pk])).url
        clock.shift(datetime.timedelta(seconds=settings.SAMSKAB_KIOSK_IDLE_SECONDS - 10))
        assert client.get(url).status_code == 200  # in use: renewed
        clock.shift(datetime.timedelta(seconds=settings.SAMSKAB_KIOSK_IDLE_SECONDS - 10))
        # Answering with a click now and then: the page's small POST keeps it open.
        assert client.post(reverse("core:keep-alive")).status_code == 200
        clock.shift(datetime.timedelta(seconds=settings.SAMSKAB_KIOSK_IDLE_SECONDS - 10))
        assert client.get(url).status_code == 200
        clock.shift(datetime.timedelta(seconds=settings.SAMSKAB_KIOSK_IDLE_SECONDS + 1))
        assert client.post(url, SCORES).url == LOCK
        assert client.get(url).url == LOCK
        html = _html(client.get(LOCK))
        assert "ikke har været brugt i et stykke tid" in html
        assert not MeetingRating.objects.exists()
        response = client.post(LOCK, {"password": PASSWORD}, follow=True)
        assert "Skærmen blev låst, fordi den ikke blev brugt i nogle minutter" in _html(response)


def test_the_citizen_screen_carries_the_idle_timeout_for_its_script(client, handed_over, settings):
    html = _html(client.get(handed_over))
    assert f'data-kiosk-idle-seconds="{settings.SAMSKAB_KIOSK_IDLE_SECONDS}"' in html
    assert f'data-kiosk-lock-url="{LOCK}"' in html
    assert "samskab/kiosk.js" in html


def test_the_lock_screen_outside_citizen_mode_leads_to_the_front_page(client, member):
    client.force_login(member)
    assert client.get(LOCK).url == reverse("core:home")
    assert client.post(LOCK, {"password": "forkert"}).url == reverse("core:home")
    assert not AccessAttempt.objects.exists()
