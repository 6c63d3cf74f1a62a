"""The whole life of an equal partnership, in the browser, with axe-core on every page."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from samskab.partnerships.models import Partnership, PartnershipState, Round
from samskab.people.models import Organisation

pytestmark = pytest.mark.browser


def _submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _switch(page, login, username):
    page.context.clear_cookies()
    login(username)


def test_whole_life_of_a_partnership(demo, page, login, axe):
    today = date.today()
    round_ = Round.objects.create(
        organisation=Organisation.objects.get(name="Region Midtjylland"),
        theme="Testrunde i browseren",
        starts_on=today,
        ends_on=today + timedelta(days=60),
        honorarium_rate=Decimal("150"),
    )

    # A new expert registers through the public form (no login).
    page.goto(f"/partnerskaber/runder/{round_.pk}/tilmeld/")
    axe.check("public registration")
    _submit(page, "Send tilmelding")
    expect(page.get_by_test_id("error-summary")).to_contain_text(
        "Du skal kunne sige ja til dette for at være med."
    )
    axe.check("public registration with errors")

    # The expert with a login (Mille) and the leader register.
    login("borger")
    page.goto(f"/partnerskaber/runder/{round_.pk}/tilmeld/")
    for label in ("Jeg er ude af stormen", "Jeg har lyst", "Jeg ved, at partnerskabet"):
        page.get_by_label(label).check()
    page.get_by_label("Hvad har du erfaring med?").fill("diabetes, uddannelse")
    page.get_by_label("Interesser").fill("gåture")
    page.get_by_label("Mandag formiddag").check()
    _submit(page, "Send tilmelding")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tak for din tilmelding")
    axe.check("registration done")

    _switch(page, login, "leder")
    page.goto("/partnerskaber/")
    page.locator(f'a[href="/partnerskaber/runder/{round_.pk}/tilmeld-leder/"]').click()
    for label in ("Vilje", "Tro", "Personlighed", "Forståelse", "Tid"):
        page.get_by_label(label).check()
    page.get_by_label("Hvilke temaer har du ansvar for?").fill("diabetes")
    page.get_by_label("Interesser").fill("gåture, musik")
    page.get_by_label("Mandag formiddag").check()
    axe.check("leader registration")
    _submit(page, "Tilmeld mig")

    # The facilitator approves both, matches, confirms.
    _switch(page, login, "facilitator")
    page.goto(round_.get_absolute_url())
    axe.check("round overview")
    _submit(page, "Godkend Mille (fiktiv)")
    _submit(page, "Godkend Lars Leder")
    _submit(page, "Beregn forslag")
    result = page.locator("#matching-result")
    expect(result).to_contain_text("Fælles tema: diabetes")
    expect(result).to_contain_text("Fælles interesser: gåture")
    axe.check("matching proposal")
    _submit(page, "Bekræft forslaget")
    partnership = Partnership.objects.get(round=round_)
    assert partnership.state == PartnershipState.PROPOSED

    # Confirmation and kick-off.
    page.goto(partnership.get_absolute_url())
    page.get_by_role("link", name="Skal bekræftes").click()
    axe.check("transition form")
    _submit(page, "Ja, fortsæt")
    page.get_by_label("Det aftaler vi at lave sammen").fill("Følges på arbejde og går en tur.")
    page.get_by_label("Det fælles tredje").fill("Uddannelse og diabetes skal hænge sammen.")
    axe.check("kick-off form")
    _submit(page, "Registrér opstart")
    expect(page.locator("main")).to_contain_text("Opstarten er registreret")

    # Two meetings: one by each party.
    for username, activity, hours in (
        ("leder", "Følges på arbejde", "3"),
        ("borger", "Gåtur eller løbetur", "1,5"),
    ):
        _switch(page, login, username)
        page.goto(f"/partnerskaber/{partnership.pk}/moeder/nyt/")
        page.get_by_label(activity).check()
        page.get_by_label("Dato").fill(today.isoformat())
        page.get_by_label("Sted").fill("Aarhus")
        page.get_by_label("Varighed i timer").fill(hours.replace(",", "."))
        axe.check(f"meeting form ({username})")
        _submit(page, "Gem mødet")
        expect(page.locator("main")).to_contain_text("Mødet er registreret")
        # Reflections: one shared by each party.
        page.get_by_role("link", name="Skriv en refleksion").click()
        page.get_by_label("Refleksion").fill(f"Refleksion fra {username}")
        page.get_by_label(
            "Systemets perspektiv" if username == "leder" else "Borgerens perspektiv"
        ).check()
        page.get_by_label("Del med min partner og facilitatoren").check()
        axe.check(f"reflection form ({username})")
        _submit(page, "Gem refleksionen")
        axe.check(f"partnership page ({username})")
    expect(page.locator("main")).to_contain_text("Refleksion fra leder")

    # Wrap-up: the facilitator starts it, both answer.
    _switch(page, login, "facilitator")
    page.goto(f"/partnerskaber/{partnership.pk}/fase/start_wrapup/")
    _submit(page, "Ja, fortsæt")
    for username, answer in (("borger", "Delvis enig"), ("leder", "Helt enig")):
        _switch(page, login, username)
        page.goto(partnership.get_absolute_url())
        page.get_by_role("link", name="Besvar evalueringen").click()
        for group in page.get_by_role("group").all():
            group.get_by_label(answer, exact=True).check()
        axe.check(f"evaluation ({username})")
        _submit(page, "Send mine svar")
    expect(page.get_by_role("table", name="Svar på evalueringen")).to_contain_text("4")
    axe.check("both answered")

    _switch(page, login, "facilitator")
    page.goto(f"/partnerskaber/{partnership.pk}/fase/complete/")
    _submit(page, "Ja, fortsæt")
    partnership.refresh_from_db()
    assert partnership.state == PartnershipState.COMPLETED
    page.goto(f"/partnerskaber/runder/{round_.pk}/evaluering/")
    axe.check("round report")

    # Payment export for the finance department.
    page.goto(f"/partnerskaber/runder/{round_.pk}/honorarer/")
    expect(page.locator("main")).to_contain_text("675")  # (3 + 1,5) × 150
    axe.check("payments")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Mille (fiktiv)" in content and "450,00" in content and "225,00" in content
    axe.assert_clean()
