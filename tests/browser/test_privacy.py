"""Data protection in the browser: the DPO searches and exports the access log, sees the
chain status, registers and answers a request; the citizen sees Min log and their data."""

import json

import pytest
from playwright.sync_api import expect

from samskab.people.models import Citizen
from samskab.privacy.models import DataSubjectRequest, RequestOutcome

pytestmark = pytest.mark.browser


def test_dpo_searches_the_log_exports_and_answers_a_request(demo, page, login, axe):
    anders = Citizen.objects.get(display_name="Anders (fiktiv)")
    login("dpo")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Databeskyttelse"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Databeskyttelse")
    axe.check("privacy start")

    page.get_by_role("link", name="Adgangslog").first.click()
    expect(page.get_by_test_id("chain-status")).to_contain_text("Hashkæden er intakt")
    page.get_by_label("Borger (valgfrit)").fill("Anders")
    with page.expect_navigation():
        page.get_by_role("button", name="Søg").click()
    assert "citizen=Anders" in page.url
    axe.check("access log, filtered")
    with page.expect_download() as download:
        page.get_by_role("link", name="Eksportér som CSV").click()
    name = download.value.suggested_filename  # dated, like every export
    assert name.startswith("adgangslog-") and name.endswith(".csv")

    page.goto("/databeskyttelse/anmodninger/")
    expect(page.get_by_text("Over fristen")).to_be_visible()
    axe.check("request list")
    page.get_by_role("link", name="Registrér anmodning").click()
    page.get_by_label("Borger", exact=True).select_option(label="Anders (fiktiv)")
    page.get_by_label("Anmodning om").select_option(label="Berigtigelse (art. 16)")
    page.get_by_label("Hvad beder borgeren om?").fill("Forkert fødselsår")
    with page.expect_navigation():
        page.get_by_role("button", name="Registrér").click()
    expect(page.locator(".alert-success")).to_contain_text("Fristen er")
    axe.check("request detail")
    page.get_by_role("radio", name="Imødekommet", exact=True).check()
    page.get_by_label("Svar og begrundelse (valgfrit)").fill("Fødselsåret er rettet.")
    with page.expect_navigation():
        page.get_by_role("button", name="Registrér svar").click()
    expect(page.locator(".alert-success")).to_contain_text("Anmodningen er besvaret")
    answered = DataSubjectRequest.objects.get(citizen=anders, description="Forkert fødselsår")
    assert answered.outcome == RequestOutcome.GRANTED
    axe.assert_clean()


def test_citizen_sees_min_log_and_downloads_own_data(demo, page, login, axe):
    login("borger")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Min log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min log")
    expect(page.locator("table")).to_contain_text("Dig selv")
    axe.check("Min log")

    page.get_by_role("link", name="Se alle dine data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine data")
    expect(page.locator("main")).to_contain_text("Mille (fiktiv)")
    axe.check("Mine data")
    with page.expect_download() as download:
        page.get_by_test_id("download-json").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["citizen_id"] == Citizen.objects.get(user__username="borger").pk
    axe.assert_clean()


def test_dpo_sees_the_anchors_and_keeps_a_copy_of_the_file(demo, page, login, axe):
    from samskab.core.actions import anchor_access_log

    login("dpo")
    anchor = anchor_access_log().anchor
    page.goto("/databeskyttelse/adgangslog/")
    expect(page.get_by_test_id("chain-status")).to_contain_text("1 anker uden for databasen")
    anchors = page.get_by_test_id("anchors")
    expect(anchors.locator("tbody tr").first).to_contain_text(str(anchor.sequence))
    expect(anchors.locator("tbody tr").first).to_contain_text("Passer")
    axe.check("access log with anchors")
    download_link = page.get_by_role("link", name="Hent ankerfilen")
    download_link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.startswith("adgangslog-ankre-")
    saved = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert saved["sequence"] == anchor.sequence and saved["hash"] == anchor.hash

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/databeskyttelse/adgangslog/#ankre")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the access log scrolls sideways by {overflow}px at 375px"
    axe.check("access log with anchors, narrow")
    axe.assert_clean()


def test_dpo_approves_a_study_that_gets_aggregates_only(demo, page, login, axe):
    login("dpo")
    page.goto("/databeskyttelse/forskning/")
    page.get_by_role("link", name="Borgernes oplevelse af sammenhængende forløb").click()
    expect(page.get_by_text("Ikke omfattet af godkendelsen")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Godkend projektet").click()
    expect(page.get_by_text("Du får ikke data om den enkelte borger")).to_be_visible()
    expect(page.get_by_role("link", name="Pseudonymiserede data (CSV)")).to_have_count(0)
    axe.check("approved study")
    with page.expect_download() as download:
        page.get_by_role("link", name="Aggregater (CSV)").click()
    assert download.value.suggested_filename.startswith("forskning-aggregater-")

    page.goto("/databeskyttelse/forskning/ny/")
    expect(page.get_by_label("Godkendelsen omfatter data på individniveau")).not_to_be_checked()
    axe.check("new study")
    axe.assert_clean()
