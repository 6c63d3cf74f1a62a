"""The Esbjerg model in the browser: a compass round answered by a leader and an employee and
its result once the leader closes it, WHO-5 through the hand-over screen, and the readiness,
rollout and citizen pages; axe-clean."""

import pytest
from playwright.sync_api import expect

from samskab.compass.models import SUPPORTS, CompassResponse, Rollout
from samskab.demo.data import DEMO_PASSWORD
from samskab.outcomes.models import Measurement

pytestmark = pytest.mark.browser
ROUND = "Ledelseskompas, anden runde"


def answer_round(page, score):
    page.get_by_role("link", name="Esbjerg-modellen").first.click()
    page.get_by_role("link", name=ROUND).click()
    page.get_by_role("link", name="Svar på runden").click()
    for number, support in enumerate(SUPPORTS, start=1):
        group = page.get_by_role("group", name=f"{number}. {support.label}")
        group.get_by_label(score).check()
    page.get_by_label("Kommentar til 1. understøttelse").fill("Opbakningen er tydelig.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send mit svar").click()
    expect(page.get_by_role("status").first).to_contain_text("Tak. Dit svar er gemt.")


def test_leader_and_employee_answer_a_round_and_see_the_result(demo, page, login, axe):
    login("esbjerg-leder")
    page.get_by_role("link", name="Esbjerg-modellen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Esbjerg-modellen")
    axe.check("Esbjerg model start page")
    page.get_by_role("link", name=ROUND).click()
    # The round is open: only the number of answers per group, no result yet.
    withheld = page.get_by_test_id("results-withheld")
    expect(withheld).to_contain_text("Resultatet vises, når runden er lukket")
    axe.check("round before answering")

    answer_round(page, "5 – i meget høj grad")
    expect(page.get_by_text("Du har svaret i denne runde.")).to_be_visible()
    expect(withheld).to_be_visible()
    axe.check("round after the leader answered")

    page.context.clear_cookies()
    login("esbjerg-fagperson")
    answer_round(page, "2 – i lav grad")
    # Three leaders and three employees, but the round is still open: still no result.
    expect(withheld).to_be_visible()
    expect(page.get_by_role("img", name="Radardiagram")).to_have_count(0)

    page.context.clear_cookies()
    login("esbjerg-leder")
    page.get_by_role("link", name="Esbjerg-modellen").first.click()
    page.get_by_role("link", name=ROUND).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Luk runden").click()
    expect(page.get_by_role("status").first).to_contain_text("Runden er lukket.")
    # Closed: both groups are shown side by side.
    expect(withheld).to_have_count(0)
    expect(page.get_by_text("Nogle grupper vises ikke")).to_have_count(0)
    expect(page.get_by_role("img", name="Radardiagram")).to_be_visible()
    table = page.get_by_role("table", name="Gennemsnit pr. understøttelse")
    expect(table).to_contain_text("(n=3)")
    expect(page.get_by_role("heading", name="Største forskelle")).to_be_visible()
    expect(page.get_by_text("Ændringer er målt i forhold til runden")).to_be_visible()
    axe.check("round result")
    axe.assert_clean()

    roles = set(CompassResponse.objects.filter(round__title=ROUND).values_list("role", flat=True))
    assert roles == {"leader", "employee"}
    assert CompassResponse.objects.filter(round__title=ROUND).count() == 6


def test_who5_through_the_hand_over_screen(demo, page, login, axe):
    before = Measurement.objects.count()
    login("esbjerg-fagperson")
    page.goto("/effektmaal/")
    axe.check("measures")
    page.get_by_role("link", name="Registrér målinger for borgere").click()
    page.get_by_role("link", name="Borger E01 (fiktiv)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Målinger for Borger E01 (fiktiv)")
    axe.check("citizen measurements")
    page.get_by_role("button", name="Giv skærmen til borgeren").click()

    # The citizen's screen: the questions only, no menu, no names, no way out but the buttons.
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvordan har du haft det?")
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_role("link")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("Borger E01")
    axe.check("hand-over screen")
    with page.expect_navigation():
        page.get_by_role("button", name="Send mine svar").click()
    expect(page.locator(".form-error-message").first).to_contain_text("Vælg det svar")
    axe.check("hand-over screen with errors")
    for group, answer in zip(
        page.get_by_role("group").all(),
        [
            "Det meste af tiden",
            "Lidt mere end halvdelen af tiden",
            "Hele tiden",
            "Lidt af tiden",
            "På intet tidspunkt",
        ],
        strict=True,
    ):
        group.get_by_label(answer, exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send mine svar").click()
    # The device locks with a thank-you for the citizen; the professional unlocks it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Giv enheden tilbage")
    expect(page.get_by_text("Tak. Dine svar er gemt.")).to_be_visible()
    expect(page.get_by_role("link")).to_have_count(0)
    axe.check("hand-over done")

    page.get_by_label("Din adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Lås op").click()
    expect(page.get_by_text("Borgerens WHO-5-svar er gemt.")).to_be_visible()
    table = page.get_by_role("table", name="Borgerens målinger")
    # 4 + 3 + 5 + 1 + 0 = 13; 13 × 4 = 52.
    expect(table).to_contain_text("Indeks 52 (råscore 13 af 25)")
    expect(table).to_contain_text("Borgeren selv")
    axe.check("citizen measurements after WHO-5")
    axe.assert_clean()
    assert Measurement.objects.count() == before + 1
    assert Measurement.objects.latest("pk").item_answers == [4, 3, 5, 1, 0]


def test_readiness_rollout_and_citizen_pages_are_accessible(demo, page, login, axe):
    login("esbjerg-leder")
    page.goto("/esbjerg-modellen/")
    page.get_by_role("link", name="Esbjerg-modellen", exact=True).last.click()
    expect(page.get_by_text("Sikr opbakning fra topledelse")).to_be_visible()
    axe.check("readiness result")
    page.goto("/esbjerg-modellen/spredning/ny/")
    page.get_by_role("button", name="Gem vurderingen").click()
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    axe.check("readiness form with errors")
    page.goto("/esbjerg-modellen/")
    page.get_by_role("link", name="Esbjerg-modellen i hjemmeplejen").click()
    expect(
        page.get_by_role("img", name="WHO-5 trivselsindeks: gennemsnit over tid")
    ).to_be_visible()
    expect(page.get_by_text("Intervallet indeholder ikke 0").first).to_be_visible()
    axe.check("rollout and evaluation")
    page.goto("/esbjerg-modellen/kompas/ny/")
    axe.check("new round form")
    axe.assert_clean()

    page.context.clear_cookies()
    login("borger")
    page.goto("/effektmaal/min-trivsel/")
    expect(page.get_by_role("table", name="Mine tidligere svar")).to_contain_text("Indeks")
    axe.check("citizen's own WHO-5")
    axe.assert_clean()


def test_leader_creates_a_rollout(demo, page, login, axe):
    login("esbjerg-leder")
    page.goto("/esbjerg-modellen/")
    page.get_by_role("link", name="Opret udrulning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opret udrulning")
    page.get_by_label("Navn på udrulningen").fill("Udrulning i browsertest")
    pilot = page.get_by_role("group", name="Pilotenheder")
    comparison = page.get_by_role("group", name="Sammenligningsenheder")
    pilot.get_by_label("Hjemmeplejen Distrikt Nord").check()
    comparison.get_by_label("Hjemmeplejen Distrikt Nord").check()
    for label, value in [
        ("Før-periode fra", "1.1.2026"),
        ("Før-periode til", "30.6.2026"),
        ("Piloten starter", "1.7.2026"),
        ("Opfølgning fra", "1.1.2027"),
        ("Opfølgning til", "30.6.2027"),
    ]:
        page.get_by_label(label, exact=True).fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name="Opret udrulningen").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text(
        "En enhed kan ikke både være pilot- og sammenligningsenhed"
    )
    axe.check("new rollout form with errors")
    assert not Rollout.objects.filter(name="Udrulning i browsertest").exists()
    comparison.get_by_label("Hjemmeplejen Distrikt Nord").uncheck()
    comparison.get_by_label("Hjemmeplejen Distrikt Syd").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opret udrulningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Udrulning i browsertest")
    expect(page.get_by_role("link", name="Tilføj et trin")).to_be_visible()
    axe.check("new rollout")
    axe.assert_clean()
