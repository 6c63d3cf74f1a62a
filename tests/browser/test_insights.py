"""Insights in the browser: each role's "what needs me now" page, a search that finds a
Danish inflection, the lemniscate balance and the notifications – all axe-clean."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROLES = {
    "facilitator": "Partnerskab efter den forventede periode",
    "supervisor": "Møde uden læringsopsamling",
    "leder": "Ulæste notifikationer",
    "koordinator": "Gatebeslutning venter",
}


def log_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Log af").click()


def test_each_role_sees_what_needs_them_now(demo, page, login, axe):
    for username, section in ROLES.items():
        login(username)
        page.get_by_role("link", name="Se dit overblik").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Det venter på dig")
        expect(page.get_by_role("heading", name=section)).to_be_visible()
        axe.check(f"dashboard {username}")
        log_out(page)
    axe.assert_clean()


def test_search_with_an_inflection_balance_and_notifications(demo, page, login, axe):
    login("supervisor")
    page.goto("/indsigter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indsigter")
    page.get_by_label("Søg i indsigter").fill("møderne")
    with page.expect_navigation():
        page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_role("heading", name="indsigt", exact=False).first).to_be_visible()
    results = page.locator("article.insight-entry")
    expect(results.first).to_be_visible()
    assert "møde" in results.first.inner_text().lower()
    axe.check("search")

    page.get_by_role("link", name="Lemniskatens balance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lemniskatens balance")
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.locator("figure.balance-chart svg")).to_be_visible()
    axe.check("balance")

    page.get_by_test_id("notification-bell").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifikationer")
    axe.check("notifications")
    page.get_by_role("button", name="Markér alle som læst").click()
    expect(page.get_by_test_id("notification-bell").first).to_have_text("Notifikationer")

    page.goto("/indsigter/paamindelser/")
    page.get_by_label("Samlet én gang om dagen").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".alert-success")).to_contain_text("Dine valg for påmindelser er gemt")
    axe.check("settings")
    axe.assert_clean()
