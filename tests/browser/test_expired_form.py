"""An expired form (CSRF): a Danish page, and going back keeps the input and sends it; a
form whose token was renewed elsewhere still sends; the 404 page at 375 px; axe-clean."""

from urllib.parse import urlsplit

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.urls import reverse
from playwright.sync_api import expect

from samskab.partnerships.models import ExperienceExpert
from samskab.partnerships.tests.factories import RoundFactory

pytestmark = pytest.mark.browser


READINESS = (
    "input[name^=has_], input[name=understands_not_treatment], input[name=consent_partnership]"
)


def _fill_registration(page):
    round_ = RoundFactory()
    page.goto(reverse("partnerships:expert-register", args=[round_.pk]))
    page.get_by_label("Visningsnavn eller initialer").fill("Sofie")
    page.get_by_label("Hvorfor vil du være med?").fill("Jeg vil gerne bruge min erfaring.")
    for box in page.locator(READINESS).all():
        box.check()


def test_going_back_from_an_expired_form_keeps_the_input_and_sends_it(transactional_db, page, axe):
    _fill_registration(page)
    # The cookie the form's token belongs to is gone (cleared, or expired with the browser).
    page.context.clear_cookies()
    page.get_by_role("button", name="Send tilmelding").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Formularen er udløbet")
    axe.check("expired form")
    page.get_by_role("link", name="Tilbage til formularen").click()

    expect(page.get_by_label("Hvorfor vil du være med?")).to_have_value(
        "Jeg vil gerne bruge min erfaring."
    )
    page.get_by_role("button", name="Send tilmelding").click()
    expect(page.get_by_text("Tak for din tilmelding")).to_be_visible()
    assert ExperienceExpert.objects.get().motivation == "Jeg vil gerne bruge min erfaring."
    axe.assert_clean()


def test_a_form_whose_token_was_renewed_in_another_tab_is_still_sent(transactional_db, page):
    _fill_registration(page)
    # A login in another tab gives the browser a new CSRF cookie; this page's token is old.
    host = urlsplit(page.url).hostname
    page.context.add_cookies(
        [{"name": "csrftoken", "value": _get_new_csrf_string(), "domain": host, "path": "/"}]
    )
    page.get_by_role("button", name="Send tilmelding").click()
    expect(page.get_by_text("Tak for din tilmelding")).to_be_visible()
    assert ExperienceExpert.objects.count() == 1


def test_the_missing_page_works_at_375_px(transactional_db, page, axe):
    page.set_viewport_size({"width": 375, "height": 740})
    response = page.goto("/findes-ikke/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Siden findes ikke")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe.check("404")
    axe.assert_clean()
