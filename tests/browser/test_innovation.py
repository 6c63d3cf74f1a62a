"""Welfare innovation in the browser: a leader passes a gate, an illegal move is refused,
and the portfolio, business case and learning pages are accessible."""

import pytest
from playwright.sync_api import expect

from samskab.innovation.models import Challenge, GateDecision, Phase, Project

pytestmark = pytest.mark.browser

DIABETES = "Sund graviditet med diabetes i sårbare familier"
SUBSTANCE = "Misbrug og psykiatri under ét tag"


def test_leader_moves_project_through_a_gate_and_views_portfolio(demo, page, login, axe):
    project = Project.objects.get(title=DIABETES)
    login("slagelse-leder")
    page.goto("/velfaerdsinnovation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Porteføljen af velfærdsinnovation")
    expect(page.get_by_test_id("gate-queue")).to_contain_text(SUBSTANCE)
    expect(page.get_by_test_id("portfolio-board")).to_contain_text(DIABETES)
    axe.check("portfolio")

    page.get_by_role("link", name=DIABETES).first.click()
    expect(page.get_by_test_id("project-phase")).to_contain_text("Opstart")
    axe.check("project")
    page.get_by_role("link", name="Registrér gatebeslutning").click()

    # An illegal move: back to a later phase. Clear Danish message, nothing changes.
    page.get_by_label("Tilbage til en tidligere fase").check()
    page.get_by_label("Tilbage til fase").select_option(Phase.SCALING)
    page.get_by_label("Beslutningstagere").fill("Styregruppen")
    with page.expect_navigation():
        page.get_by_role("button", name="Gem gatebeslutning").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text(
        "Et projekt kan kun sendes tilbage til en tidligere fase."
    )
    axe.check("gate form with error")
    project.refresh_from_db()
    assert project.phase == Phase.KICKOFF and not project.gate_decisions.exists()

    page.get_by_label("Videre til næste fase").check()
    page.get_by_label("Tilbage til fase").select_option("")
    page.get_by_label("Borgere og frontlinjemedarbejdere er inddraget i fasen").check()
    page.get_by_label("Noter").fill("Problemet er formuleret sammen med familierne.")
    with page.expect_navigation():
        page.get_by_role("button", name="Gem gatebeslutning").click()
    expect(page.get_by_test_id("project-phase")).to_contain_text("Idéudvikling")
    expect(page.get_by_test_id("gate-decisions")).to_contain_text("Videre til næste fase")
    expect(page.get_by_test_id("phase-history")).to_contain_text("Idéudvikling")
    axe.check("project after gate")
    decision = GateDecision.objects.get(project=project)
    assert decision.criteria_met == ["involvement"]

    page.goto("/velfaerdsinnovation/?phase=ideation")
    expect(page.get_by_test_id("portfolio-board")).to_contain_text(DIABETES)
    axe.assert_clean()


def test_business_case_and_learning_pages(demo, page, login, axe):
    project = Project.objects.get(title=SUBSTANCE)
    login("slagelse-leder")
    page.goto(f"/velfaerdsinnovation/projekter/{project.pk}/business-case/")
    expect(page.get_by_test_id("incentive-problem")).to_contain_text("Kommune")
    expect(page.get_by_test_id("incentive-problem")).to_contain_text("Region")
    expect(page.get_by_test_id("npv-table")).to_contain_text("Investerer")
    axe.check("business case")
    page.goto(f"/velfaerdsinnovation/projekter/{project.pk}/forandringsteori/")
    expect(page.get_by_test_id("toc-diagram")).to_contain_text("Færre indlæggelser")
    axe.check("theory of change")
    page.goto(project.mission.get_absolute_url())
    expect(page.get_by_test_id("mission-members")).to_contain_text("Gladsaxe Kommune")
    axe.check("mission")
    page.goto("/velfaerdsinnovation/laering/")
    expect(
        page.get_by_role("heading", name="Gevinsten lander et andet sted end udgiften")
    ).to_be_visible()
    axe.check("lessons")
    page.goto(f"/velfaerdsinnovation/projekter/{project.pk}/principper/")
    expect(page.get_by_test_id("principles")).to_contain_text("Fleksibel styring")
    axe.check("principles")
    plan = Project.objects.get(title="Fælles familieplan på tværs")
    page.goto(plan.get_absolute_url())
    expect(page.get_by_test_id("involvement-strip")).to_contain_text(
        "Advarsel: ingen borgere var med i denne fase."
    )
    axe.check("project with involvement strip")
    page.goto("/velfaerdsinnovation/udfordringer/")
    axe.check("challenges")
    axe.assert_clean()


def test_create_project_pass_two_gates_and_fill_business_case(demo, page, login, axe):
    login("slagelse-leder")
    page.goto("/velfaerdsinnovation/")
    page.get_by_role("link", name="Opret projekt").click()
    page.get_by_label("Titel").fill("Familiecafé i Slagelse")
    page.get_by_label("Mission").select_option(
        label="Sammenhæng i indsatserne for udsatte familier"
    )
    axe.check("new project form")
    with page.expect_navigation():
        page.get_by_role("button", name="Opret projekt").click()
    expect(page.get_by_test_id("project-phase")).to_contain_text("Opstart")

    for expected in ("Idéudvikling", "Prototypeudvikling"):
        page.get_by_role("link", name="Registrér gatebeslutning").click()
        page.get_by_label("Videre til næste fase").check()
        page.get_by_label("Beslutningstagere").fill("Styregruppen")
        with page.expect_navigation():
            page.get_by_role("button", name="Gem gatebeslutning").click()
        expect(page.get_by_test_id("project-phase")).to_contain_text(expected)

    page.get_by_role("link", name="Business case").click()
    for kind, payer, price in (
        ("Omkostning", "Kommune", "500000"),
        ("Gevinst", "Region", "800000"),
    ):
        form = page.get_by_test_id("line-form")
        form.get_by_label("Type").select_option(label=kind)
        form.get_by_label("Betaler").select_option(label=payer)
        form.get_by_label("År").fill("1" if kind == "Gevinst" else "0")
        form.get_by_label("Beskrivelse").fill(f"{kind} for {payer}")
        form.get_by_label("Enhedspris (kr.)").fill(price)
        with page.expect_navigation():
            form.get_by_role("button", name="Tilføj linje").click()
    expect(page.get_by_test_id("incentive-problem")).to_contain_text("Kommune")
    expect(page.get_by_test_id("break-even")).to_contain_text("år 1")
    axe.check("filled business case")

    page.goto("/velfaerdsinnovation/?phase=prototyping")
    expect(page.get_by_test_id("portfolio-board")).to_contain_text("Familiecafé i Slagelse")
    axe.assert_clean()
    project = Project.objects.get(title="Familiecafé i Slagelse")
    assert project.phase == Phase.PROTOTYPING
    assert project.business_case.lines.count() == 2


def test_public_lessons_and_feed_without_login(demo, page, axe):
    page.goto("/velfaerdsinnovation/laering/offentlig/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Læring fra velfærdsinnovation")
    expect(page.locator("main")).not_to_contain_text("Gevinsten lander et andet sted")
    axe.check("public lessons")
    page.get_by_role("link", name="Missionen samler – konkurrencen skiller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Missionen samler – konkurrencen skiller"
    )
    axe.check("public lesson")
    response = page.request.get("/velfaerdsinnovation/laering/feed/")
    assert response.ok and "Missionen samler" in response.text()
    axe.assert_clean()


def test_leader_creates_a_challenge(demo, page, login, axe):
    login("slagelse-leder")
    page.goto("/velfaerdsinnovation/udfordringer/")
    page.get_by_role("link", name="Opret velfærdsudfordring").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Opret velfærdsudfordring").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text(
        "Giv velfærdsudfordringen et navn."
    )
    axe.check("challenge form with error")
    page.get_by_label("Navn").fill("Ensomhed blandt ældre")
    page.get_by_label("Beskrivelse").fill("Mange ældre mangler fællesskaber i hverdagen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opret velfærdsudfordring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ensomhed blandt ældre")
    expect(page.get_by_test_id("challenge-missions")).to_contain_text("Ingen missioner endnu.")
    axe.check("new challenge")
    assert Challenge.objects.filter(name="Ensomhed blandt ældre").exists()
    page.goto(Project.objects.get(title=DIABETES).get_absolute_url())
    expect(page.get_by_test_id("partners")).to_contain_text("Skift rolle")
    axe.check("project with partner controls")
    axe.assert_clean()
