"""Danish DKFDS pages for 400, 403, 404, 500 and an expired form (CSRF), English through the
catalogue. DEBUG is off in tests, so these are the pages users get."""

import pytest
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import include, path, reverse

from samskab.core.tests.test_translations import english_catalogue  # noqa: F401 - fixture
from samskab.partnerships.models import Reflection
from samskab.partnerships.tests.factories import RoundFactory, partnership
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

pytestmark = pytest.mark.django_db

DKFDS = "dkfds/css/dkfds.min.css"


@login_not_required
def _boom(request):
    raise RuntimeError("a bug")


@login_not_required
def _suspicious(request):
    raise SuspiciousOperation("a mangled request")


# The project's URLs plus two that fail, for the 400 and 500 pages.
urlpatterns = [
    path("boom/", _boom),
    path("suspicious/", _suspicious),
    path("", include(settings.ROOT_URLCONF)),
]


def _page(response, status):
    assert response.status_code == status
    html = response.content.decode()
    assert DKFDS in html and 'class="header"' in html and "<h1>" in html
    return html


def test_a_missing_page_is_danish_and_dkfds():
    html = _page(Client().get("/findes-ikke/"), 404)
    assert '<html lang="da">' in html and "Siden findes ikke" in html


def test_a_page_the_role_may_not_open_is_danish_403(client):
    client.force_login(user_with_role(Role.PROFESSIONAL))
    html = _page(client.get(reverse("privacy:index")), 403)
    assert "Ingen adgang" in html


def test_a_request_body_too_large_gets_the_danish_400_page():
    """Beyond DATA_UPLOAD_MAX_MEMORY_SIZE Django refuses to read the form at all."""
    round_ = RoundFactory()
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = Client().post(
        reverse("partnerships:expert-register", args=[round_.pk]), {"motivation": too_big}
    )
    html = _page(response, 400)
    assert "Forespørgslen kunne ikke læses" in html and "Intet er gemt" in html


@pytest.mark.urls(__name__)
def test_a_mangled_request_gets_the_danish_400_page():
    assert "Forespørgslen kunne ikke læses" in _page(Client().get("/suspicious/"), 400)


@pytest.mark.urls(__name__)
def test_a_server_error_gets_the_danish_500_page():
    client = Client(raise_request_exception=False)
    html = _page(client.get("/boom/"), 500)
    assert "Der opstod en fejl" in html and "a bug" not in html


def test_an_expired_form_is_explained_in_danish_and_nothing_is_saved():
    p = partnership()
    client = Client(enforce_csrf_checks=True)
    client.force_login(p.leader.user)
    form_url = reverse("partnerships:reflection-create", args=[p.pk])
    response = client.post(
        form_url,
        {"text": "Min refleksion", "perspective": "system"},
        headers={"Referer": f"http://testserver{form_url}"},
    )
    html = _page(response, 403)
    assert "Formularen er udløbet" in html
    assert f'href="http://testserver{form_url}"' in html  # back to the form
    assert "Min refleksion" not in html  # the input is not echoed
    assert not Reflection.objects.exists()


def test_an_expired_form_offers_no_link_to_another_site():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("account_login"), {}, headers={"Referer": "https://evil.example/phish"}
    )
    html = _page(response, 403)
    assert "evil.example" not in html


@pytest.mark.urls(__name__)
def test_the_error_pages_are_english_after_the_language_switch(english_catalogue):  # noqa: F811
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pages = {
        "/findes-ikke/": 404,
        "/suspicious/": 400,
        "/boom/": 500,
    }
    for url, status in pages.items():
        html = _page(client.get(url), status)
        assert '<html lang="en">' in html, url
        assert "Gå til forsiden" not in html, url
    html = _page(client.post(reverse("account_login"), {}), 403)
    assert "Formularen er udløbet" not in html and '<html lang="en">' in html
