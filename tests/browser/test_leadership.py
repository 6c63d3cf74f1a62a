"""Shared leadership in the browser: a facilitator builds an opportunity space from insights
on both sides, takes it to the forum, records a decision with its T-shaped check, and follows
the trail back to the insights and forward from an insight to the decision."""

import re

import pytest
from playwright.sync_api import expect

from samskab.leadership.demo import FORUM
from samskab.leadership.models import Decision, ForumMeeting

pytestmark = pytest.mark.browser

TITLE = "Unge med diabetes mister overblikket ved overgangen til voksenafdelingen"
DECISION = "Fælles overgangsmøde for unge med diabetes"
CITIZEN_TEXT = "hele mit liv"
SYSTEM_TEXT = "koordinere"


def test_from_insights_to_a_decision_and_back(demo, page, login, axe):
    login("facilitator")
    page.goto("/ledelsesrum/")
    axe.check("start page")
    page.get_by_role("link", name="Nyt mulighedsrum").click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Problemformulering").fill(
        "Den unge oplever at skulle starte forfra; afdelingerne ser hver sin del."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Opret mulighedsrum").click()
    expect(page.get_by_test_id("warning-citizen-side")).to_be_visible()
    expect(page.get_by_test_id("warning-system-side")).to_be_visible()
    axe.check("empty opportunity space")

    page.get_by_role("link", name="Kobl indsigter på").click()
    page.get_by_role("textbox", name="Søg i indsigter").fill(CITIZEN_TEXT)
    page.get_by_label("Perspektiv").select_option("citizen")
    with page.expect_navigation():
        page.get_by_role("button", name="Søg").click()
    expect(page.get_by_test_id("picker")).to_contain_text("spurgte til hele mit liv")
    axe.check("evidence picker")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Kobl på")).first.click()
    page.get_by_role("textbox", name="Søg i indsigter").fill(SYSTEM_TEXT)
    page.get_by_label("Perspektiv").select_option("system")
    with page.expect_navigation():
        page.get_by_role("button", name="Søg").click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Kobl på")).first.click()
    page.get_by_role("link", name="Tilbage").click()

    expect(page.get_by_test_id("evidence-citizen")).to_contain_text("spurgte til hele mit liv")
    expect(page.get_by_test_id("evidence-system")).to_contain_text("mange steder hun selv skal")
    expect(page.get_by_test_id("warning-citizen-side")).to_have_count(0)
    expect(page.get_by_test_id("warning-system-side")).to_have_count(0)
    page.get_by_text("Send til et fælles ledelsesrum").click()
    page.get_by_label("Ledelsesrum", exact=True).select_option(label=FORUM)
    with page.expect_navigation():
        page.get_by_role("button", name="Send til ledelsesrummet").click()
    expect(page.get_by_test_id("agenda-rows")).to_contain_text("venter på at komme på et møde")
    axe.check("opportunity space with evidence")

    meeting = ForumMeeting.objects.get(forum__name=FORUM)
    page.goto(meeting.forum.get_absolute_url())
    expect(page.get_by_test_id("waiting")).to_contain_text(TITLE)
    axe.check("forum")
    page.get_by_role("link", name=str(meeting)).click()
    with page.expect_navigation():
        page.get_by_role("listitem").filter(has_text=TITLE).get_by_role(
            "button", name=re.compile("Sæt på dette møde")
        ).click()
    expect(page.get_by_test_id("agenda")).to_contain_text(TITLE)
    axe.check("meeting")
    page.get_by_role("link", name=re.compile(f"Registrér beslutning.*{TITLE}")).click()

    page.get_by_label("Beslutning (kort)").fill(DECISION)
    page.get_by_label("Beslutningen", exact=True).fill(
        "Børne- og voksenafdelingen holder et fælles møde med den unge før overgangen."
    )
    page.get_by_label("Ansvarlig").select_option(label="Lars Leder")
    page.get_by_label("Konsekvenser for den fælles opgave").fill("Ét forløb i stedet for to.")
    with page.expect_navigation():
        page.get_by_role("button", name="Gem og gør endelig").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text(
        "kan ikke gøres endelig, før det T-formede tjek er besvaret"
    )
    assert not Decision.objects.filter(title=DECISION).exists()
    axe.check("decision form with error")
    page.get_by_label("Konsekvenser for kolleger i andre sektorer").fill(
        "Kommunens sundhedspleje og egen læge inviteres med."
    )
    page.get_by_label("Konsekvenser for borgerens samlede forløb").fill(
        "Den unge skal ikke selv fortælle historien forfra."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Gem og gør endelig").click()
    expect(page.get_by_test_id("decision-status")).to_contain_text("Endelig")
    expect(page.get_by_test_id("t-check")).to_contain_text("egen læge inviteres med")
    expect(page.get_by_test_id("evidence-citizen")).to_contain_text("spurgte til hele mit liv")
    expect(page.get_by_test_id("evidence-system")).to_contain_text("mange steder hun selv skal")
    axe.check("decision")

    # Back from the decision to one insight, and forward from it to the decision.
    page.get_by_test_id("evidence-citizen").get_by_role(
        "link", name=re.compile("Se hvilke beslutninger")
    ).first.click()
    expect(page.get_by_test_id("trail-insight")).to_contain_text("hele mit liv")
    expect(page.get_by_test_id("trail-decisions")).to_contain_text(DECISION)
    axe.check("insight trail")
    page.get_by_role("link", name=DECISION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DECISION)
    axe.assert_clean()


def test_partnership_pages_barriers_and_risk_register(demo, page, login, axe):
    login("borger")
    page.goto("/partnerskaber/mit-partnerskab/")
    expect(page.get_by_test_id("informed-decisions")).to_contain_text(
        "Studievejledere med i de tværsektorielle forløb"
    )
    axe.check("expert page")
    page.get_by_role("link", name=re.compile("Se, om refleksionen er indgået")).first.click()
    expect(page.get_by_test_id("trail-decisions")).to_contain_text(FORUM)
    axe.check("citizen's own trail")

    page.context.clear_cookies()
    login("leder")
    page.goto("/partnerskaber/mit-partnerskab/")
    expect(
        page.get_by_role("heading", name="Det tog jeg med i mit ledelsesarbejde")
    ).to_be_visible()
    axe.check("leader page")

    page.context.clear_cookies()
    login("supervisor")
    page.goto("/ledelsesrum/barrierer/")
    expect(page.get_by_test_id("barriers").first).to_contain_text("Borgerens plan kan ikke ses")
    page.get_by_role("link", name="Interne opkald mellem kolleger går gennem callcenteret").click()
    expect(page.get_by_test_id("resolved-by")).to_contain_text("Direkte numre")
    axe.check("resolved barrier")

    page.context.clear_cookies()
    login("slagelse-leder")
    page.goto("/velfaerdsinnovation/")
    page.get_by_role("link", name="Misbrug og psykiatri under ét tag").first.click()
    page.get_by_role("link", name="Risikoregister").click()
    expect(page.get_by_test_id("risks")).to_contain_text("Journalsystemerne")
    axe.check("risk register")
    page.go_back()
    page.get_by_role("link", name="Interessenter", exact=True).click()
    expect(page.get_by_test_id("stakeholder-matrix")).to_contain_text("Psykiatrisk Center")
    axe.check("stakeholder matrix")
    axe.assert_clean()
