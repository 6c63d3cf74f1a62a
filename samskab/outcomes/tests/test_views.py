"""Outcome pages: need-to-know, the hand-over screen, clear Danish errors, bounded queries."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.core.models import AccessLogEntry
from samskab.outcomes.models import Measure, Measurement, Who5Handover
from samskab.people.models import ConsentPurpose, Role
from samskab.people.tests.factories import PASSWORD, citizen_with_login, user_with_role

from .factories import MeasurementFactory, builtin, consenting_citizen, professional_for

pytestmark = pytest.mark.django_db
WHO5_ANSWERS = {f"item_{n}": a for n, a in enumerate([3, 2, 4, 1, 0], start=1)}


@pytest.fixture
def citizen():
    return consenting_citizen()


@pytest.fixture
def professional(citizen):
    return professional_for(citizen)


def _url(name, citizen):
    return reverse(f"outcomes:{name}", args=[citizen.pk])


def test_measure_list_shows_builtin_measures_and_who5_cut_offs(client, professional):
    client.force_login(professional)
    html = client.get(reverse("outcomes:measure-list")).content.decode()
    for name in ["WHO-5 trivselsindeks", "Støttetimer", "Udgift", "Kontakter og indlæggelser"]:
        assert name in html
    assert "Indeks på 50 eller derunder" in html and "28 eller derunder" in html


def test_citizen_page_logs_each_measurement_read(client, citizen, professional):
    MeasurementFactory.create_batch(2, citizen=citizen)
    client.force_login(professional)
    response = client.get(_url("citizen-measurements", citizen))
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(citizen_id=citizen.pk, action="read").count() == 2


def test_recording_a_value_out_of_range_shows_danish_message_and_stores_nothing(
    client, citizen, professional
):
    client.force_login(professional)
    response = client.post(
        _url("measurement-create", citizen),
        {
            "measure": builtin("support_hours").pk,
            "value": "200",
            "measured_on": f"{timezone.localdate():%d.%m.%Y}",
        },
    )
    assert response.status_code == 200
    assert "Støttetimer skal være et tal fra 0 til 168 (timer pr. uge)" in response.content.decode()
    assert not Measurement.objects.exists()


def test_recording_a_value_with_danish_decimal_comma(client, citizen, professional):
    client.force_login(professional)
    response = client.post(
        _url("measurement-create", citizen),
        {
            "measure": builtin("support_hours").pk,
            "value": "7,5",
            "measured_on": f"{timezone.localdate():%d.%m.%Y}",
        },
    )
    assert response.status_code == 302
    assert Measurement.objects.get().value == 7.5


LOCK = reverse("core:kiosk-lock")


def _start(client, citizen):
    """Start the WHO-5 hand-over as the logged-in professional: the citizen's screen's URL."""
    response = client.post(_url("who5-handover-start", citizen))
    handover = Who5Handover.objects.get(citizen=citizen, used_at__isnull=True)
    assert response.status_code == 302
    assert response.url == reverse("outcomes:who5-handover", args=[handover.token])
    return response.url


def test_missing_consent_shows_message_and_stores_nothing(client):
    citizen = consenting_citizen(purpose=ConsentPurpose.CONTACT)
    client.force_login(professional_for(citizen))
    page = client.get(_url("citizen-measurements", citizen)).content.decode()
    assert "ikke et gældende samtykke til registrering" in page
    assert _url("who5-handover-start", citizen) not in page
    response = client.post(_url("who5-handover-start", citizen), follow=True)
    assert "ikke et gældende samtykke til registrering" in response.content.decode()
    assert not Who5Handover.objects.exists() and not Measurement.objects.exists()
    assert client.get(_url("citizen-measurements", citizen)).status_code == 200  # not locked


def test_handover_screen_shows_nothing_but_the_questions(client, citizen, professional):
    MeasurementFactory(citizen=citizen)
    client.force_login(professional)
    html = client.get(_start(client, citizen)).content.decode()
    assert "Hvordan har du haft det?" in html
    assert "Jeg har været glad og i godt humør" in html
    for hidden in [citizen.display_name, "Hovedmenu", "Log af", professional.username, "href="]:
        assert hidden not in html.replace('rel="stylesheet" href=', "").replace(
            'rel="icon" href=', ""
        )
    assert not AccessLogEntry.objects.exists()  # the screen reads no personal data


def test_handover_submit_stores_self_reported_who5_then_locks(client, citizen, professional):
    client.force_login(professional)
    url = _start(client, citizen)
    response = client.post(url, WHO5_ANSWERS)
    assert response.status_code == 302 and response.url == LOCK
    measurement = Measurement.objects.get()
    assert (measurement.value, measurement.is_self_reported) == (40, True)
    # The citizen's thank-you is written for them: no staff guidance, no way into staff pages.
    done = client.get(LOCK).content.decode()
    assert "Tak. Dine svar er gemt." in done
    assert "Giv telefonen eller tabletten tilbage til medarbejderen." in done
    for staff_only in [
        "Tal med borgeren",
        "Indeks",
        citizen.display_name,
        _url("citizen-measurements", citizen),
        reverse("outcomes:citizen-list"),
        "Tilbage til medarbejderens visning",
    ]:
        assert staff_only not in done, staff_only
    # Back to the professional's page only with the password, then with a message.
    assert client.get(_url("citizen-measurements", citizen)).url == LOCK
    response = client.post(LOCK, {"password": PASSWORD})
    assert response.url == _url("citizen-measurements", citizen)
    page = client.get(response.url).content.decode()
    assert "Borgerens WHO-5-svar er gemt." in page and "Indeks 40" in page


def test_posting_the_handover_twice_stores_one_answer(client, citizen, professional):
    client.force_login(professional)
    url = _start(client, citizen)
    assert client.post(url, WHO5_ANSWERS).url == LOCK
    changed = {**WHO5_ANSWERS, "item_1": "5"}
    assert client.post(url, changed).url == LOCK
    assert client.post(url, {"skip": "1"}).url == LOCK
    assert Measurement.objects.count() == 1
    assert Measurement.objects.get().item_answers == [3, 2, 4, 1, 0]
    assert Who5Handover.objects.get().skipped is False


def test_handover_skip_stores_nothing_and_locks(client, citizen, professional):
    client.force_login(professional)
    response = client.post(_start(client, citizen), {"skip": "1"})
    assert response.url == LOCK
    assert not Measurement.objects.exists()
    assert "Du sprang spørgsmålene over. Intet er gemt." in client.get(LOCK).content.decode()
    response = client.post(LOCK, {"password": PASSWORD}, follow=True)
    assert "Borgeren sprang WHO-5 over." in response.content.decode()


def test_handover_with_a_missing_answer_asks_again_and_stores_nothing(
    client, citizen, professional
):
    client.force_login(professional)
    answers = dict(WHO5_ANSWERS)
    del answers["item_3"]
    answers["item_5"] = "9"
    url = _start(client, citizen)
    html = client.post(url, answers).content.decode()
    assert "Vælg det svar, der passer bedst." in html
    assert not Measurement.objects.exists()
    assert client.get(url).status_code == 200  # still the citizen's screen


def test_expired_handover_stores_nothing(client, citizen, professional, settings):
    settings.SAMSKAB_KIOSK_IDLE_SECONDS = 60 * 60  # only the link's own expiry is tested here
    client.force_login(professional)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        url = _start(client, citizen)
        clock.shift(datetime.timedelta(minutes=settings.SAMSKAB_HANDOVER_MINUTES, seconds=1))
        assert client.post(url, WHO5_ANSWERS).url == LOCK
        assert "dine svar er ikke gemt" in client.get(LOCK).content.decode()
    assert not Measurement.objects.exists()


@pytest.mark.parametrize("role", [Role.LEADER, Role.RESEARCHER])
def test_roles_without_need_to_know_get_404(client, citizen, role):
    client.force_login(user_with_role(role, citizen.organisation))
    assert client.get(_url("citizen-measurements", citizen)).status_code == 404
    assert client.post(_url("who5-handover-start", citizen)).status_code == 404
    assert client.get(reverse("outcomes:citizen-list")).status_code == 403
    assert not Who5Handover.objects.exists()
    assert not Measurement.objects.exists() and not AccessLogEntry.objects.exists()


def test_other_organisation_gets_404(client, citizen):
    client.force_login(user_with_role(Role.PROFESSIONAL))
    assert client.get(_url("citizen-measurements", citizen)).status_code == 404
    assert client.post(_url("who5-handover-start", citizen)).status_code == 404
    assert not Who5Handover.objects.exists() and not Measurement.objects.exists()


def test_handover_link_opens_only_in_the_session_that_started_it(client, citizen, professional):
    client.force_login(professional)
    url = _start(client, citizen)
    colleague = Client()
    colleague.force_login(professional_for(citizen))
    assert colleague.get(url).status_code == 404
    assert colleague.post(url, WHO5_ANSWERS).status_code == 404
    assert not Measurement.objects.exists()


def test_anonymous_is_sent_to_login(client, citizen):
    response = client.get(_url("citizen-measurements", citizen))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_citizen_answers_who5_through_own_login(client):
    me = citizen_with_login()
    client.force_login(me.user)
    response = client.post(reverse("outcomes:my-who5"), WHO5_ANSWERS)
    assert response.status_code == 302
    html = client.get(reverse("outcomes:my-who5")).content.decode()
    assert "Indeks 40 (råscore 10 af 25)" in html
    assert Measurement.objects.get(citizen=me).entered_by == me.user


def test_posting_my_who5_twice_stores_one_answer(client):
    me = citizen_with_login()
    client.force_login(me.user)
    assert client.post(reverse("outcomes:my-who5"), WHO5_ANSWERS).status_code == 302
    assert client.post(reverse("outcomes:my-who5"), WHO5_ANSWERS).status_code == 302
    assert Measurement.objects.filter(citizen=me).count() == 1


def test_citizens_own_page_shows_no_guidance_written_for_staff(client):
    me = citizen_with_login()
    lowest = {f"item_{n}": "0" for n in range(1, 6)}
    client.force_login(me.user)
    client.post(reverse("outcomes:my-who5"), lowest)
    html = client.get(reverse("outcomes:my-who5")).content.decode()
    assert "Indeks 0 (råscore 0 af 25)" in html
    assert "Tal med borgeren" not in html
    assert "Tal med din kontaktperson eller din læge" in html
    client.force_login(professional_for(me))
    staff = client.get(_url("citizen-measurements", me)).content.decode()
    assert "Tal med borgeren om at søge læge" in staff


def test_citizen_cannot_open_another_citizens_measurements_or_handover(client):
    me = citizen_with_login()
    other = consenting_citizen(organisation=me.organisation)
    client.force_login(me.user)
    assert client.get(_url("citizen-measurements", other)).status_code == 404
    assert client.post(_url("who5-handover-start", me)).status_code == 404
    assert not Who5Handover.objects.exists()


def test_staff_without_citizen_record_cannot_use_my_who5(client, professional):
    client.force_login(professional)
    assert client.get(reverse("outcomes:my-who5")).status_code == 403


def test_only_administrators_add_measures(client):
    client.force_login(user_with_role(Role.LEADER))
    assert client.get(reverse("outcomes:measure-create")).status_code == 403
    client.force_login(user_with_role(Role.ADMIN))
    data = {
        "name": "Faldepisoder",
        "code": "fald",
        "domain": "health",
        "kind": "scale",
        "min_value": "0",
        "max_value": "",
        "unit": "antal",
    }
    html = client.post(reverse("outcomes:measure-create"), data).content.decode()
    assert "En skala skal have en største værdi." in html
    assert not Measure.objects.filter(code="fald").exists()
    data["kind"] = "numeric"
    assert client.post(reverse("outcomes:measure-create"), data).status_code == 302
    assert Measure.objects.filter(code="fald", is_builtin=False).exists()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_citizen_page_runs_the_same_queries_for_1_and_10_measurements(
    client, citizen, professional
):
    MeasurementFactory(citizen=citizen)
    client.force_login(professional)
    url = _url("citizen-measurements", citizen)
    client.get(url)
    one = _queries(client, url)
    MeasurementFactory.create_batch(9, citizen=citizen, entered_by=professional)
    assert _queries(client, url) == one


def test_citizen_list_runs_the_same_queries_for_1_and_10_citizens(client, citizen, professional):
    client.force_login(professional)
    url = reverse("outcomes:citizen-list")
    client.get(url)
    one = _queries(client, url)
    for _ in range(9):
        consenting_citizen(organisation=citizen.organisation)
    assert _queries(client, url) == one


def test_citizen_without_consent_is_told_how_to_give_it(client):
    me = citizen_with_login()
    me.consents.all().delete()
    client.force_login(me.user)
    html = client.post(reverse("outcomes:my-who5"), WHO5_ANSWERS).content.decode()
    assert "du ikke har givet samtykke til registrering" in html
    assert not Measurement.objects.exists()
