"""A pathway in the browser: open it, hold a meeting, hand the rating screen to the citizen,
record the learning capture, see the trend and the overdue list – axe-clean on every page."""

import re

import pytest
from playwright.sync_api import expect

from samskab.demo.data import DEMO_PASSWORD
from samskab.pathways.models import LearningCapture, MeetingRating, Pathway

pytestmark = pytest.mark.browser


def _rate(page, question, value):
    group = page.get_by_role("group", name=question)
    group.get_by_label(str(value), exact=True).check(force=True)


def test_team_runs_a_pathway_from_opening_to_trend(demo, page, login, axe):
    login("fagperson")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Borgerforløb"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammenhængende borgerforløb")
    expect(page.get_by_test_id("overdue-list")).to_contain_text("Opsamling efter mødet")
    axe.check("start page")

    page.get_by_role("link", name="Team Midtbyen").click()
    expect(page.get_by_test_id("areas-missing")).to_contain_text("Skole")
    expect(page.get_by_test_id("areas-represented")).to_contain_text("Jobcenter")
    axe.check("team page")

    # Opening without a rationale is refused with a clear message; nothing is stored.
    page.get_by_role("link", name="Start forløb").click()
    page.get_by_label("Borger", exact=True).select_option(label="Karim (fiktiv)")
    page.get_by_label("Borgerens egne mål").fill("Jeg vil have et job og en lejlighed.")
    page.get_by_role("button", name="Start forløb").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("Skriv teamets begrundelse")
    axe.check("pathway form with errors")
    assert not Pathway.objects.filter(
        team__name="Team Midtbyen", citizen__display_name="Karim (fiktiv)"
    ).exists()

    page.get_by_label("Begrundelse for forløbet").fill(
        "Karim har kontakt med fire forvaltninger, og ingen har overblikket."
    )
    page.get_by_role("button", name="Start forløb").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forløb med Karim (fiktiv)")
    expect(page.get_by_test_id("citizen-goals")).to_have_text(
        "Jeg vil have et job og en lejlighed."
    )
    axe.check("pathway page")

    # Hold a meeting with the citizen.
    page.get_by_role("link", name="Registrér møde").click()
    page.get_by_label("Fatima Fagperson").check(force=True)
    page.get_by_label("Supervisor deltog").check(force=True)
    page.get_by_label("Dagsorden").fill("Hvad er vigtigt for dig?")
    axe.check("meeting form")
    page.get_by_role("button", name="Registrér møde").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("forløb med Karim (fiktiv)")
    meeting_url = page.url
    axe.check("meeting page")

    # Hand the device to the citizen: only the questions, no way out but submit or skip.
    page.get_by_role("button", name="Giv skærmen til borgeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvordan var mødet?")
    assert page.get_by_role("navigation").count() == 0
    assert page.get_by_role("link").count() == 0
    expect(page.locator("body")).not_to_contain_text("Karim")
    expect(page.locator("body")).not_to_contain_text("Fatima")
    handover_url = page.url
    axe.check("hand-over screen")
    _rate(page, "Jeg følte mig hørt og respekteret", 9)
    _rate(page, "Vi talte om det, der er vigtigt for mig", 8)
    _rate(page, "Måden, vi arbejdede på, passede mig", 8)
    page.get_by_role("button", name="Send mine svar").click()
    # One question left out: the citizen stays on the screen with a clear message.
    expect(page.get_by_test_id("error-summary")).to_contain_text("Vælg et tal fra 0 til 10.")
    assert page.url == handover_url
    axe.check("hand-over screen with errors")
    _rate(page, "Alt i alt", 7)
    page.get_by_label("Hvad gjorde en forskel i dag?").fill("At I spurgte ind til fodbold.")
    page.get_by_role("button", name="Send mine svar").click()
    # The device locks: the citizen is thanked, the professional unlocks with the password
    # (tests/browser/test_handover.py tries every way around the lock).
    expect(page.get_by_role("heading", level=1)).to_have_text("Giv enheden tilbage")
    expect(page.get_by_test_id("citizen-note")).to_have_text("Tak. Dine svar er gemt.")
    axe.check("lock screen")
    page.get_by_label("Din adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Lås op").click()
    expect(page).to_have_url(meeting_url)
    expect(page.get_by_text("Borgerens vurdering er gemt.")).to_be_visible()
    expect(page.get_by_test_id("rating")).to_contain_text("At I spurgte ind til fodbold.")
    assert MeetingRating.objects.filter(comment="At I spurgte ind til fodbold.", overall=7).exists()
    # The hand-over URL is single-use.
    assert page.goto(handover_url).status == 404
    page.goto(meeting_url)

    # The learning capture, facilitated by the supervisor.
    page.get_by_role("link", name="Skriv læringsopsamling").click()
    page.get_by_label("Hvad fungerede?").fill("Karim satte selv dagsordenen.")
    page.get_by_label("Hvad skal vi arbejde med til næste gang?").fill("Invitér fodboldtræneren.")
    page.get_by_label("FIT").check(force=True)
    page.get_by_label("Borgerens perspektiv").check(force=True)
    axe.check("capture form")
    page.get_by_role("button", name="Gem læringsopsamling").click()
    expect(page.get_by_test_id("capture")).to_contain_text("Karim satte selv dagsordenen.")
    assert LearningCapture.objects.filter(what_worked="Karim satte selv dagsordenen.").exists()

    # The trend: the pathway's run chart and the team's, with its flags; the overdue list.
    page.get_by_role("navigation", name="Brødkrumme").get_by_role(
        "link", name="Karim (fiktiv)"
    ).click()
    expect(page.get_by_role("table", name="Vurderinger i tal")).to_contain_text("7")
    expect(
        page.get_by_role("img", name=re.compile("Forløbsdiagram over 1 vurdering"))
    ).to_be_visible()
    page.get_by_role("navigation", name="Brødkrumme").get_by_role(
        "link", name="Team Midtbyen"
    ).click()
    expect(page.get_by_role("table", name="Vurderinger i tal")).to_contain_text(
        "Faldt 2 point siden sidste møde"
    )
    expect(page.get_by_test_id("overdue-list")).to_contain_text("Opsamling efter mødet")
    axe.check("team page with trend")
    axe.assert_clean()


def test_citizen_sees_own_pathway_but_no_learning_captures(demo, page, login, axe):
    login("borger")
    page.goto("/borgerforloeb/")
    page.get_by_role("link", name=re.compile("Forløb med Team Midtbyen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit forløb")
    expect(page.get_by_test_id("citizen-goals")).to_contain_text("tilbage på studiet")
    expect(page.locator("main")).not_to_contain_text("Læringsopsamling")
    expect(page.locator("main")).not_to_contain_text("Godt at borgeren satte dagsordenen")
    axe.check("citizen's own pathway")
    axe.assert_clean()


def test_leader_sees_team_numbers_but_no_citizens(demo, page, login, axe):
    login("leder")
    page.goto("/borgerforloeb/")
    expect(page.get_by_role("heading", name="Teams i din organisation (overblik)")).to_be_visible()
    axe.check("leader start page")
    page.get_by_role("link", name="Team Gellerup").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team Gellerup – overblik")
    # Monthly counts and medians only: no run chart, no single rating, no flag, no citizen.
    expect(page.get_by_role("table", name="Vurderinger pr. måned")).to_be_visible()
    expect(page.get_by_role("table", name="Vurderinger i tal")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("Under 6 i alt")
    expect(page.locator("main")).not_to_contain_text("Yasmin")
    axe.check("leader team page")
    axe.assert_clean()


def test_supervisor_prepares_a_workshop_sheet(demo, page, login, axe):
    login("supervisor")
    page.goto("/borgerforloeb/workshop/")
    for team in ("Team Midtbyen", "Team Gellerup", "Team Viby"):
        page.get_by_label(team).check(force=True)
    page.get_by_label("Fra", exact=True).fill("2000-01-01")
    page.get_by_label("Til", exact=True).fill("2100-01-01")
    page.get_by_role("button", name="Lav workshopark").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Tema 1: "))).to_be_visible()
    axe.check("workshop sheet")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som CSV").click()
    assert re.fullmatch(r"workshopark-\d{4}-\d\d-\d\d\.csv", download.value.suggested_filename)
    page.goto("/borgerforloeb/praksiselementer/")
    page.get_by_role("link", name="Fælles plan").click()
    expect(page.get_by_test_id("decision-log")).to_contain_text("Udvikl videre")
    axe.check("practice element")
    axe.assert_clean()
