"""Citizen data in the browser: a citizen sees only themselves; registration needs consent."""

import pytest
from playwright.sync_api import expect

from samskab.people.models import Citizen

pytestmark = pytest.mark.browser


def test_citizen_gets_not_found_for_another_citizens_page(demo, page, login, axe):
    other = Citizen.objects.get(display_name="Anders (fiktiv)")
    login("borger")

    response = page.goto(f"/personer/borgere/{other.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Siden findes ikke")
    expect(page.locator("main")).not_to_contain_text("Anders")
    axe.check("404 page")

    # A page that does not exist at all looks exactly the same, so the ID leaks nothing.
    response = page.goto(f"/personer/borgere/{other.pk + 10_000}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Siden findes ikke")
    axe.assert_clean()


def test_citizen_sees_own_page(demo, page, login):
    own = Citizen.objects.get(user__username="borger")
    login("borger")
    response = page.goto(f"/personer/borgere/{own.pk}/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Mille (fiktiv)")


def test_registering_a_citizen_without_consent_shows_the_error_summary(demo, page, login, axe):
    citizens_before = Citizen.objects.count()
    login("facilitator")
    page.goto("/personer/borgere/ny/")
    page.get_by_label("Visningsnavn").fill("Testborger uden samtykke")
    consents = page.get_by_role("group", name="Borgeren har givet samtykke til")
    for checkbox in consents.get_by_role("checkbox").all():
        expect(checkbox).not_to_be_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Opret borger").click()

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Der er problemer med det, du har udfyldt")
    expect(summary).to_contain_text(
        "Borgeren skal give samtykke til registrering, før du kan oprette borgeren."
    )
    assert "/personer/borgere/ny/" in page.url
    # What was typed is kept, so the user only has to add the consent.
    expect(page.get_by_label("Visningsnavn")).to_have_value("Testborger uden samtykke")
    axe.check("citizen form with errors")
    axe.assert_clean()

    assert Citizen.objects.count() == citizens_before
    assert not Citizen.objects.filter(display_name="Testborger uden samtykke").exists()


def test_error_summary_links_lead_to_the_fields(demo, page, login):
    login("fagperson")
    page.goto("/personer/borgere/ny/")
    page.get_by_role("checkbox", name="Registrering").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opret borger").click()

    summary = page.get_by_test_id("error-summary")
    link = summary.get_by_role("link", name="Visningsnavn")
    expect(link).to_contain_text("Dette felt er påkrævet.")
    link.click()
    field = page.get_by_label("Visningsnavn")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    for href in summary.get_by_role("link").evaluate_all("links => links.map(a => a.hash)"):
        assert page.locator(href).count() == 1, f"error summary link {href} leads nowhere"


def test_citizen_reads_what_withdrawal_means_confirms_and_it_is_in_my_log(demo, page, login, axe):
    login("borger")
    page.wait_for_url("**/personer/mine-oplysninger/")
    page.get_by_role(
        "link", name="Træk samtykke tilbage – Deltagelse i ligeværdigt partnerskab"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Træk dit samtykke tilbage")
    expect(page.get_by_test_id("withdrawal-stops")).to_contain_text("Der kan ikke registreres")
    expect(page.get_by_test_id("withdrawal-kept")).to_contain_text("Du får stadig dit honorar")
    axe.check("withdrawal confirmation")
    own = Citizen.objects.get(user__username="borger")
    assert own.has_consent("partnership")  # reading it withdraws nothing
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, træk mit samtykke tilbage").click()
    page.wait_for_url("**/personer/mine-oplysninger/")
    expect(page.get_by_role("status").first).to_contain_text(
        "Dit samtykke til deltagelse i et ligeværdigt partnerskab er trukket tilbage."
    )
    axe.check("consent withdrawn")
    assert not own.has_consent("partnership")
    assert own.has_consent("registration")
    expect(page.locator("#consents")).to_contain_text("Trukket tilbage")
    expect(page.get_by_role("table", name="Min log")).to_contain_text("Tilbagetrækning af samtykke")
    axe.assert_clean()
