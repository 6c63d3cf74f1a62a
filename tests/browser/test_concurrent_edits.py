"""Two people edit the same record at once, each in their own browser: the first save wins,
the second is told that someone else saved meanwhile, sees what is stored now, and keeps
their own input in the form. Nothing of the second edit is written."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from samskab.demo.data import DEMO_PASSWORD
from samskab.leadership import actions
from samskab.leadership.demo import SPACE
from samskab.leadership.models import AgendaItem, Decision, OpportunitySpace

pytestmark = pytest.mark.browser

CONFLICT = "Oplysningerne er blevet ændret af en anden, mens du redigerede."


@pytest.fixture
def other_page(browser, live_server):
    """A second person's browser: its own context, so its own session."""
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind", exact=True).click()
    assert "/accounts/login/" not in page.url, f"login as {username} failed"


def test_second_editor_of_an_opportunity_space_sees_the_conflict(
    demo, page, login, other_page, axe
):
    space = OpportunitySpace.objects.get(title=SPACE)
    url = f"/ledelsesrum/mulighedsrum/{space.pk}/rediger/"
    login("facilitator")
    log_in(other_page, "admin")
    page.goto(url)
    other_page.goto(url)

    other_page.get_by_label("Titel").fill("Studerende i behandling mangler én indgang")
    with other_page.expect_navigation():
        other_page.get_by_role("button", name="Gem").click()
    expect(other_page.get_by_role("heading", level=1)).to_have_text(
        "Studerende i behandling mangler én indgang"
    )

    mine = "Psykisk sårbare studerende står alene med SU og orlov."
    page.get_by_label("Problemformulering").fill(mine)
    with page.expect_navigation():
        page.get_by_role("button", name="Gem").click()

    expect(page.get_by_test_id("error-summary")).to_contain_text(CONFLICT)
    expect(page.get_by_test_id("stored-values")).to_contain_text(
        "Studerende i behandling mangler én indgang"
    )
    expect(page.get_by_label("Problemformulering")).to_have_value(mine)
    axe.check("opportunity space, edit conflict")
    space.refresh_from_db()
    assert space.title == "Studerende i behandling mangler én indgang"
    assert space.problem_statement != mine

    # Saving again after seeing the conflict is a deliberate choice, and goes through.
    with page.expect_navigation():
        page.get_by_role("button", name="Gem").click()
    expect(page.get_by_test_id("problem-statement")).to_have_text(mine)
    axe.assert_clean()


def test_second_editor_of_a_draft_decision_sees_the_conflict(demo, page, login, other_page, axe):
    users = get_user_model().objects.in_bulk(["facilitator", "leder"], field_name="username")
    item = AgendaItem.objects.get(opportunity_space__title=SPACE)
    draft = actions.save_decision(
        by=users["facilitator"],
        agenda_item=item,
        data={
            "title": "Fast kontakt til SU-styrelsen",
            "text": "Kommunen aftaler en fast indgang til SU-styrelsen.",
            "owner": users["leder"],
            "due_on": timezone.localdate() + datetime.timedelta(days=60),
            "follow_up": "planned",
        },
    )
    url = f"/ledelsesrum/beslutninger/{draft.pk}/rediger/"
    login("leder")
    log_in(other_page, "facilitator")
    page.goto(url)
    other_page.goto(url)

    other_page.get_by_label("Beslutningen", exact=True).fill(
        "Kommunen og regionen aftaler sammen en fast indgang til SU-styrelsen."
    )
    with other_page.expect_navigation():
        other_page.get_by_role("button", name="Gem som kladde").click()
    expect(other_page.get_by_test_id("decision-status")).to_have_text("Kladde")

    mine = "Uddannelserne får en fast kontaktperson i kommunen."
    page.get_by_label("Konsekvenser for den fælles opgave").fill(mine)
    with page.expect_navigation():
        page.get_by_role("button", name="Gem som kladde").click()

    expect(page.get_by_test_id("error-summary")).to_contain_text(CONFLICT)
    expect(page.get_by_test_id("stored-values")).to_contain_text(
        re.compile("Kommunen og regionen aftaler sammen")
    )
    expect(page.get_by_label("Konsekvenser for den fælles opgave")).to_have_value(mine)
    axe.check("decision, edit conflict")
    draft = Decision.objects.get(pk=draft.pk)
    assert draft.text.startswith("Kommunen og regionen") and draft.t_shared_task == ""
    axe.assert_clean()
