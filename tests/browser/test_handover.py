"""The device handed to a citizen (core/kiosk.py), in the browser: after the rating or
WHO-5 screen every way back to the professional's pages – back button, a typed URL, a second
tab, a reload – shows the neutral lock screen, and only the professional's password opens
them again. Axe-clean, and usable at 375 px."""

import datetime

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from samskab.demo.data import DEMO_PASSWORD
from samskab.outcomes.models import Measurement
from samskab.pathways.models import MeetingRating, Pathway
from samskab.pathways.tests.factories import MeetingFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
# What the lock screen must never show: the menu's links, the professional, the citizens.
PRIVATE = [
    "Fatima",
    "Erik",
    "Fagperson",
    "Anders",
    "Mille",
    "Borger E01",
    "Team Midtbyen",
    "Kommune",
    "Borgerforløb",
    "Effektmål",
]


def _expect_locked(page, note=None):
    expect(page.get_by_role("heading", level=1)).to_have_text("Giv enheden tilbage")
    expect(page.get_by_role("navigation")).to_have_count(0)
    body = page.locator("body")
    for text in PRIVATE:
        expect(body).not_to_contain_text(text)
    if note:
        expect(page.get_by_test_id("citizen-note")).to_have_text(note)


def _fits(page):
    """Nothing wider than the phone's screen, so nothing needs sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def _unlock(page, password):
    page.get_by_label("Din adgangskode").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Lås op").click()


def _rate(page, question, value):
    page.get_by_role("group", name=question).get_by_label(str(value), exact=True).check(force=True)


def test_rating_handover_locks_the_device_until_the_professional_unlocks_it(demo, page, login, axe):
    anders = Pathway.objects.get(citizen__display_name="Anders (fiktiv)")
    mille = Pathway.objects.get(citizen__display_name="Mille (fiktiv)")
    meeting = MeetingFactory(pathway=anders)
    meeting_url = meeting.get_absolute_url()
    login("fagperson")
    # A second tab of the same browser already shows a professional's page.
    other_tab = page.context.new_page()
    other_tab.goto(mille.get_absolute_url())
    expect(other_tab.get_by_role("heading", level=1)).to_contain_text("Mille")

    page.goto(meeting_url)
    page.get_by_role("button", name="Giv skærmen til borgeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvordan var mødet?")
    # The open tab gives way to the lock screen as soon as the citizen's screen opens.
    _expect_locked(other_tab)
    other_tab.close()

    page.set_viewport_size(PHONE)
    _fits(page)
    axe.check("rating screen at 375 px")
    for question in [
        "Jeg følte mig hørt og respekteret",
        "Vi talte om det, der er vigtigt for mig",
        "Måden, vi arbejdede på, passede mig",
        "Alt i alt",
    ]:
        _rate(page, question, 8)
    page.get_by_role("button", name="Send mine svar").click()
    _expect_locked(page, "Tak. Dine svar er gemt.")
    _fits(page)
    axe.check("lock screen after the answer, 375 px")

    # The back button: the used screen, then the meeting page – both locked.
    page.go_back()
    _expect_locked(page)
    page.go_back()
    _expect_locked(page)
    # Typed URLs: another citizen's pathway, the lists of citizens.
    for url in [mille.get_absolute_url(), "/personer/borgere/", "/effektmaal/borgere/", "/"]:
        page.goto(url)
        _expect_locked(page)
    # A second tab in the same browser, and a reload.
    second = page.context.new_page()
    second.goto(meeting_url)
    _expect_locked(second)
    second.close()
    page.reload()
    _expect_locked(page)

    # A wrong password keeps it locked.
    _unlock(page, "forkert-adgangskode")
    expect(page.get_by_test_id("error-summary")).to_contain_text("Adgangskoden er ikke korrekt")
    _expect_locked(page)
    axe.check("lock screen with a wrong password, 375 px")
    page.goto(meeting_url)
    _expect_locked(page)

    # The right one returns to the meeting, with the professional's menu and a message.
    page.set_viewport_size({"width": 1280, "height": 900})
    _unlock(page, DEMO_PASSWORD)
    expect(page).to_have_url(meeting_url)
    expect(page.get_by_text("Borgerens vurdering er gemt.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_visible()
    expect(page.get_by_test_id("rating")).to_be_visible()
    axe.check("meeting page after unlocking")
    axe.assert_clean()
    assert MeetingRating.objects.filter(meeting=meeting, overall=8).count() == 1


def test_who5_handover_skipped_locks_the_device(demo, page, login, axe):
    before = Measurement.objects.count()
    login("esbjerg-fagperson")
    page.goto("/effektmaal/borgere/")
    page.get_by_role("link", name="Borger E01 (fiktiv)").click()
    measurements_url = page.url
    page.get_by_role("button", name="Giv skærmen til borgeren").click()

    page.set_viewport_size(PHONE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvordan har du haft det?")
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("Borger E01")
    _fits(page)
    axe.check("WHO-5 screen at 375 px")
    page.get_by_role("button", name="Spring over").click()
    _expect_locked(page, "Du sprang spørgsmålene over. Intet er gemt.")
    expect(page.get_by_role("link")).to_have_count(0)  # no way into the staff pages
    axe.check("lock screen after skipping, 375 px")

    page.go_back()
    _expect_locked(page)
    for url in [measurements_url, "/effektmaal/borgere/", "/personer/borgere/"]:
        page.goto(url)
        _expect_locked(page)
    _unlock(page, "forkert-adgangskode")
    _expect_locked(page)

    _unlock(page, DEMO_PASSWORD)
    expect(page).to_have_url(measurements_url)
    expect(page.get_by_text("Borgeren sprang WHO-5 over.")).to_be_visible()
    axe.check("measurements after unlocking")
    axe.assert_clean()
    assert Measurement.objects.count() == before


def test_an_idle_citizen_screen_locks_itself(demo, page, login):
    idle = settings.SAMSKAB_KIOSK_IDLE_SECONDS
    login("esbjerg-fagperson")
    page.goto("/effektmaal/borgere/")
    page.get_by_role("link", name="Borger E01 (fiktiv)").click()
    page.clock.install()  # the page's timers run on a clock the test moves
    with time_machine.travel(datetime.datetime.now(datetime.UTC), tick=True) as clock:
        page.get_by_role("button", name="Giv skærmen til borgeren").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Hvordan har du haft det?")
        page.wait_for_load_state()  # the deferred kiosk.js has armed its timer
        clock.shift(datetime.timedelta(seconds=idle + 10))
        page.clock.fast_forward((idle + 10) * 1000)
        _expect_locked(page, "Skærmen er låst, fordi den ikke har været brugt i et stykke tid.")
