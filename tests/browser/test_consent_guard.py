"""After the citizen withdraws a consent, the staff page says so and offers only what is still
allowed – axe-clean, also on a phone-sized screen."""

import pytest
from playwright.sync_api import expect

from samskab.pathways.models import Pathway
from samskab.people import actions as people_actions
from samskab.people.models import Consent, ConsentPurpose

pytestmark = pytest.mark.browser


def test_pathway_page_shows_the_withdrawal_and_hides_what_would_be_refused(demo, page, login, axe):
    pathway = (
        Pathway.objects.open()
        .filter(team__name="Team Midtbyen", citizen__consents__purpose=ConsentPurpose.PATHWAY)
        .select_related("citizen")
        .first()
    )
    login("fagperson")
    page.goto(pathway.get_absolute_url())
    expect(page.get_by_role("link", name="Registrér møde")).to_be_visible()

    consent = Consent.objects.active().get(citizen=pathway.citizen, purpose="pathway")
    people_actions.withdraw_consent(by=pathway.citizen.user, consent=consent)
    page.reload()
    notice = page.get_by_test_id("processing-notice")
    expect(notice).to_contain_text(
        "Borgeren har trukket samtykket til et sammenhængende borgerforløb tilbage den"
    )
    expect(page.get_by_role("link", name="Registrér møde")).to_have_count(0)
    expect(page.get_by_role("button", name="Gem mål")).to_have_count(0)
    expect(page.get_by_role("button", name="Afslut forløbet")).to_be_visible()
    axe.check("pathway page after withdrawal")

    page.set_viewport_size({"width": 375, "height": 800})
    expect(notice).to_be_visible()
    axe.check("pathway page after withdrawal, 375 px")
    axe.assert_clean()
