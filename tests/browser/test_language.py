"""The language switch in the header: Danish by default, English on request, and back."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ENGLISH_CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.mo"


def switch_language(page, code):
    with page.expect_navigation():
        page.get_by_test_id(f"language-{code}").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_language_switch_on_the_login_page(demo, page, axe):
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    # allauth ships its own catalogues, so its labels show the switch works before ours do.
    expect(page.locator("label[for=id_password]")).to_have_text("Adgangskode")

    switch_language(page, "en")
    assert page.url.endswith("/accounts/login/"), "the switch must return to the same page"
    expect(page.locator("label[for=id_password]")).to_have_text("Password")
    expect(page.get_by_test_id("language-da")).to_have_text("Dansk")
    axe.check("login page in English")

    switch_language(page, "da")
    expect(page.locator("label[for=id_password]")).to_have_text("Adgangskode")
    axe.assert_clean()


def test_language_switch_keeps_the_user_on_the_page(demo, page, login):
    login("facilitator")
    page.goto("/personer/organisationer/")
    nav = page.get_by_role("navigation", name="Hovedmenu")
    expect(nav.get_by_role("link", name="Organisationer")).to_be_visible()

    switch_language(page, "en")
    assert page.url.endswith("/personer/organisationer/")
    # The choice outlives the page: the next page is English too.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch_language(page, "da")
    nav = page.get_by_role("navigation", name="Hovedmenu")
    expect(nav.get_by_role("link", name="Organisationer")).to_be_visible()


@pytest.mark.skipif(
    not ENGLISH_CATALOGUE.exists(),
    reason="locale/en/LC_MESSAGES/django.mo is missing: run `make messages` (compilemessages)",
)
def test_english_navigation_labels_are_translated(demo, page, login, axe):
    login("facilitator")
    switch_language(page, "en")
    nav = page.locator("nav.navigation-menu")
    expect(nav.get_by_role("link", name="Organisations", exact=True)).to_be_visible()
    expect(page.locator("a.skipnav")).not_to_have_text("Gå til sideindhold")
    axe.check("front page in English")
    axe.assert_clean()
