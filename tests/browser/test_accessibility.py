"""Every page each demo role can reach passes axe-core's WCAG 2.1 AA rules (no serious/critical)."""

import pytest
from playwright.sync_api import expect

from samskab.core.context_processors import PRACTICES

pytestmark = pytest.mark.browser

STAFF_ROLES = ["admin", "facilitator", "leder", "fagperson", "supervisor", "forsker"]
CITIZEN_DATA_ROLES = {"facilitator", "fagperson", "supervisor"}


def visit(page, path):
    response = page.goto(path)
    assert response is not None
    assert response.status == 200, f"{path} gave HTTP {response.status}"
    return response


def test_axe_check_catches_known_violations(demo, page, axe):
    """Guards the harness itself: a broken injection must not make every page look clean."""
    visit(page, "/tilgaengelighed/")
    page.evaluate(
        """() => {
            const main = document.querySelector("main");
            main.insertAdjacentHTML("beforeend",
                '<img src="/static/samskab/missing.png"><p id="weak">Svag kontrast</p>');
            // Styles set through the CSSOM, since the CSP rightly refuses style attributes.
            const weak = document.getElementById("weak");
            weak.style.color = "#ccc";
            weak.style.background = "#fff";
        }"""
    )
    axe.check()
    report = "\n".join(axe.problems)
    assert "image-alt" in report
    assert "color-contrast" in report


def test_logged_out_pages_are_accessible(demo, page, axe):
    visit(page, "/accounts/login/")
    axe.check("login")
    page.get_by_role("button", name="Log ind", exact=True).click()
    page.wait_for_selector(".form-error-message")
    axe.check("login with errors")
    visit(page, "/tilgaengelighed/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgængelighedserklæring")
    axe.check("accessibility statement")
    axe.assert_clean()


@pytest.mark.parametrize("username", STAFF_ROLES)
def test_staff_pages_are_accessible(demo, page, login, axe, username):
    login(username)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen, ")
    axe.check("front page")

    for slug, _label in PRACTICES:
        visit(page, f"/praksis/{slug}/")
        axe.check()

    visit(page, "/personer/organisationer/")
    axe.check()
    page.locator("table tbody a").first.click()
    page.wait_for_url("**/personer/organisationer/*/")
    axe.check("organisation detail")

    if username in CITIZEN_DATA_ROLES:
        visit(page, "/personer/borgere/")
        axe.check()
        page.locator("table tbody a").first.click()
        page.wait_for_url("**/personer/borgere/*/")
        expect(page.get_by_role("heading", name="Samtykker")).to_be_visible()
        axe.check("citizen detail")
        visit(page, "/personer/borgere/")
        page.get_by_role("link", name="Opret borger").click()
        page.wait_for_url("**/personer/borgere/ny/")
        axe.check("citizen create form")
    else:
        response = page.goto("/personer/borgere/")
        assert response.status == 403, "this role must not see the citizen list"
        expect(page.get_by_role("navigation", name="Hovedmenu")).not_to_contain_text("Borgere")
        axe.check("403 page")

    visit(page, "/tilgaengelighed/")
    axe.check()
    axe.assert_clean()


def test_account_pages_are_accessible(demo, page, login, axe):
    login("fagperson")
    page.get_by_role("link", name="Konto og sikkerhed").first.click()
    page.wait_for_url("**/konto/")
    axe.check("account page")
    for path in ["/accounts/2fa/", "/accounts/2fa/totp/activate/", "/accounts/password/change/"]:
        visit(page, path)
        axe.check()
    axe.assert_clean()


def test_citizen_pages_are_accessible(demo, page, login, axe):
    login("borger")
    # A citizen's front page is their own page.
    page.wait_for_url("**/personer/mine-oplysninger/")
    expect(page.get_by_role("heading", name="Min log")).to_be_visible()
    axe.check("my page")
    visit(page, "/tilgaengelighed/")
    axe.check()
    axe.assert_clean()
