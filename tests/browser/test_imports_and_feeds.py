"""Import with a dry run, the export buttons and the calendar address, in the browser."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import expect

from samskab.people.models import Organisation

pytestmark = pytest.mark.browser


def test_admin_checks_a_bad_file_then_imports_a_good_one(demo, page, login, axe, tmp_path):
    bad = tmp_path / "enheder.csv"
    bad.write_text(
        "organisation;navn;myndighedsområde\n"
        "Aarhus Kommune;Borgerservice Aarhus;administration\n"
        "Ukendt Kommune;Noget;jobcenter\n",
        encoding="utf-8-sig",
    )
    login("admin")
    page.goto("/personer/import/")
    axe.check("import form")
    page.get_by_label("Enheder").check()
    page.get_by_label("Fil").set_input_files(str(bad))
    with page.expect_navigation():
        page.get_by_role("button", name="Kontrollér filen").click()
    expect(page.get_by_test_id("import-errors")).to_contain_text("Intet er gemt")
    expect(page.get_by_role("table", name="Rækker, der afvises")).to_contain_text(
        "Ukendt organisation »Ukendt Kommune«."
    )
    axe.check("import report with errors")

    good = tmp_path / "enheder-rettet.csv"
    good.write_text(
        "organisation;navn;myndighedsområde\nAarhus Kommune;Borgerservice Aarhus;administration\n",
        encoding="utf-8-sig",
    )
    page.goto("/personer/import/")
    page.get_by_label("Enheder").check()
    page.get_by_label("Fil").set_input_files(str(good))
    with page.expect_navigation():
        page.get_by_role("button", name="Kontrollér filen").click()
    axe.check("import report without errors")
    with page.expect_navigation():
        page.get_by_role("button", name="Importér nu").click()
    expect(page.get_by_text("Importen er gennemført")).to_be_visible()
    aarhus = Organisation.objects.get(name="Aarhus Kommune")
    assert aarhus.units.filter(name="Borgerservice Aarhus").exists()
    axe.assert_clean()


def test_leader_gets_a_calendar_address_and_revokes_it(demo, page, login, axe):
    login("leder")
    page.goto("/konto/")
    with page.expect_navigation():
        page.get_by_role("button", name="Lav en kalenderadresse").click()
    url = page.get_by_test_id("calendar-feed-url").input_value()
    axe.check("account with calendar address")
    feed = urlsplit(url).path
    response = Client().get(feed)  # a client without login: the address is the key
    assert response.status_code == 200 and b"BEGIN:VCALENDAR" in response.content

    page.reload()
    expect(page.get_by_test_id("calendar-feed-url")).to_have_count(0)
    with page.expect_navigation():
        page.get_by_role("button", name="Slet kalenderadressen").click()
    assert Client().get(feed).status_code == 404
    axe.assert_clean()
