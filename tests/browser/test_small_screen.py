"""Small screens and zoom: 320 CSS px wide is what 1280 px at 400 % zoom leaves (WCAG 1.4.10).

Below DKFDS' navigation breakpoint the header hides the menu, the language switch and
"Log af"; they must then be reachable through the menu button and its drawer.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 720}


def assert_no_horizontal_scroll(page):
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 320px width"


def test_menu_drawer_holds_navigation_language_and_log_off(demo, page, login, axe):
    login("facilitator")
    page.set_viewport_size(NARROW)
    page.goto("/personer/borgere/")
    assert_no_horizontal_scroll(page)
    axe.check("citizen list, narrow")
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_hidden()

    # Open the drawer with the keyboard: focus lands on its close button.
    menu_button = page.get_by_role("button", name="Menu")
    menu_button.focus()
    page.keyboard.press("Enter")
    drawer = page.get_by_role("dialog", name="Menu")
    expect(drawer).to_be_visible()
    expect(drawer.get_by_role("button", name="Luk menuen")).to_be_focused()
    nav = drawer.get_by_role("navigation", name="Hovedmenu")
    expect(nav.get_by_role("link", name="Borgere")).to_have_attribute("aria-current", "page")
    expect(drawer.get_by_role("button", name="English")).to_be_visible()
    expect(drawer.get_by_role("button", name="Log af")).to_be_visible()
    axe.check("menu drawer open")

    # Escape closes it and gives focus back to the menu button.
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(menu_button).to_be_focused()

    menu_button.click()
    with page.expect_navigation():
        nav.get_by_role("link", name="Organisationer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisationer")
    assert_no_horizontal_scroll(page)
    axe.check("organisation list, narrow")
    axe.assert_clean()


def test_language_and_log_off_work_from_the_drawer(demo, page, login):
    page.set_viewport_size(NARROW)
    login("borger")
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Menu").click()
    with page.expect_navigation():
        page.get_by_test_id("mobile-language-en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Menu").click()
    with page.expect_navigation():
        page.get_by_role("dialog").get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")

    page.get_by_role("button", name="Menu").click()
    with page.expect_navigation():
        page.get_by_role("dialog").get_by_role("button", name="Log af").click()
    assert "/accounts/" in page.url
    response = page.goto("/personer/mine-oplysninger/")
    assert "/accounts/login/" in response.url, "logged off: the page must ask for login"


def test_pages_reflow_without_sideways_scrolling(demo, page, login):
    page.set_viewport_size(NARROW)
    page.goto("/accounts/login/")
    assert_no_horizontal_scroll(page)
    login("facilitator")
    paths = [
        "/",
        "/praksis/partnerships/",
        "/personer/organisationer/",
        "/personer/borgere/",
        "/personer/borgere/ny/",
        "/tilgaengelighed/",
    ]
    for path in paths:
        page.goto(path)
        assert_no_horizontal_scroll(page)
    page.goto("/personer/borgere/")
    page.locator("table tbody a").first.click()
    page.wait_for_url("**/personer/borgere/*/")
    assert_no_horizontal_scroll(page)
    page.goto("/personer/organisationer/")
    page.locator("table tbody a").first.click()
    page.wait_for_url("**/personer/organisationer/*/")
    assert_no_horizontal_scroll(page)
