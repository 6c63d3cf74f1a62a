"""The public experience-expert registration: at most five registrations an hour per IP
address (ACCOUNT_RATE_LIMITS["expert_registration"], counted in the shared cache)."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from samskab.partnerships.models import ExperienceExpert
from samskab.people.models import Citizen

from .factories import RoundFactory

pytestmark = pytest.mark.django_db

HOME = "10.0.0.1"
ELSEWHERE = "10.0.0.2"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _answers(n):
    return {
        "display_name": f"Borger {n}",
        "has_timing": "on",
        "has_desire": "on",
        "understands_not_treatment": "on",
        "consent_partnership": "on",
    }


def _register(client, round_, n, ip):
    return client.post(
        reverse("partnerships:expert-register", args=[round_.pk]), _answers(n), REMOTE_ADDR=ip
    )


def test_the_sixth_registration_in_an_hour_from_one_address_is_refused_in_danish(client):
    round_ = RoundFactory()
    for n in range(5):
        assert "Tak for din tilmelding" in _register(client, round_, n, HOME).content.decode()
    response = _register(client, round_, 5, HOME)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Der er sendt mange tilmeldinger fra din internetforbindelse" in html
    assert 'value="Borger 5"' in html  # the input is kept for a later try
    assert ExperienceExpert.objects.count() == Citizen.objects.count() == 5

    # Another address is not held back.
    assert "Tak for din tilmelding" in _register(client, round_, 6, ELSEWHERE).content.decode()
    assert ExperienceExpert.objects.count() == 6


def test_an_hour_later_the_address_may_register_again(client):
    round_ = RoundFactory()
    for n in range(5):
        _register(client, round_, n, HOME)
    assert _register(client, round_, 5, HOME).status_code == 429
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, minutes=1)):
        response = _register(client, round_, 5, HOME)
    assert response.status_code == 200
    assert ExperienceExpert.objects.count() == 6


def test_forms_sent_back_for_correction_do_not_count(client):
    round_ = RoundFactory()
    url = reverse("partnerships:expert-register", args=[round_.pk])
    for _ in range(8):
        response = client.post(url, {"display_name": "Sofie"}, REMOTE_ADDR=HOME)
        assert response.status_code == 200
        assert "Vi kan kun gemme din tilmelding med dit samtykke." in response.content.decode()
    assert "Tak for din tilmelding" in _register(client, round_, 1, HOME).content.decode()
