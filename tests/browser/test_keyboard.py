"""Keyboard use: the skip link comes first and works; login needs no mouse."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FOCUSED = "document.activeElement"


def focused(page, expression="el => el.outerHTML"):
    return page.evaluate_handle(FOCUSED).evaluate(expression)


def tab_to(page, selector, max_tabs=20):
    """Press Tab until the element matching `selector` has focus; fail if it is never reached."""
    target = page.locator(selector)
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{selector} not reached in {max_tabs} presses of Tab; focus is on {focused(page)}")


@pytest.mark.parametrize("path", ["/accounts/login/", "/tilgaengelighed/"])
def test_first_tab_focuses_the_skip_link_and_enter_moves_to_the_content(demo, page, path):
    page.goto(path)
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Gå til sideindhold")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()
    # The next Tab continues after the skip target, not back in the header.
    page.keyboard.press("Tab")
    assert focused(page, "el => !el.closest('header')"), focused(page)


def test_skip_link_works_for_a_logged_in_user(demo, page, login):
    login("fagperson")
    page.goto("/personer/borgere/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Gå til sideindhold")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()


def test_login_with_the_keyboard_only(demo, page):
    page.goto("/accounts/login/")
    tab_to(page, "input[name=login]")
    page.keyboard.type("facilitator")
    # The "forgot password" link in the field's hint may come first.
    tab_to(page, "input[name=password]", max_tabs=2)
    page.keyboard.type("samskab-demo-2026")
    tab_to(page, "form[action='/accounts/login/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Trine")
