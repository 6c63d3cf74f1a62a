"""The pages work under the Content-Security-Policy (no violations, no script errors), and
the session time-out warning keeps a user logged in; axe-clean."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from samskab.compass.models import CompassRound
from samskab.innovation.models import Project
from samskab.partnerships.models import Round
from samskab.pathways.models import Pathway
from samskab.people.models import Citizen

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


def watch(page):
    problems = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and problems.append(f"{page.url} console: {message.text} {message.location}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def visit(page, problems, url):
    response = page.goto(url)
    assert response.status < 400, f"{url}: HTTP {response.status}"
    assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
    page.wait_for_load_state("load")
    problems.extend(f"{url}: {v}" for v in page.evaluate("window.__cspViolations || []"))
    # DKFDS' script ran: the mobile-menu button is wired up (no inline init needed).
    assert page.evaluate("typeof window.DKFDS === 'object'"), f"{url}: DKFDS did not load"


def test_main_pages_run_under_the_content_security_policy_without_violations(demo, page, login):
    problems = watch(page)
    anders = Citizen.objects.get(display_name="Anders (fiktiv)")
    pathway = Pathway.objects.get(citizen=anders)
    login("fagperson")
    for url in [
        reverse("core:account"),
        reverse("people:citizen-list"),
        reverse("people:citizen-detail", args=[anders.pk]),
        reverse("pathways:pathway-detail", args=[pathway.pk]),
        reverse("pathways:workshop"),
        reverse("outcomes:citizen-measurements", args=[anders.pk]),
    ]:
        visit(page, problems, url)
    page.context.clear_cookies()
    login("facilitator")
    round_ = Round.objects.get(theme="Psykisk sårbare unge voksne i Aarhus")
    for url in [
        reverse("partnerships:index"),
        reverse("partnerships:round-report", args=[round_.pk]),
    ]:
        visit(page, problems, url)
    page.context.clear_cookies()
    login("esbjerg-leder")
    compass_round = CompassRound.objects.get(title="Ledelseskompas, anden runde")
    visit(page, problems, reverse("compass:round-detail", args=[compass_round.pk]))
    page.context.clear_cookies()
    login("slagelse-leder")
    project = Project.objects.get(title="Misbrug og psykiatri under ét tag")
    for url in [
        reverse("innovation:portfolio"),
        reverse("innovation:businesscase-detail", args=[project.pk]),
        reverse("innovation:toc-detail", args=[project.pk]),
    ]:
        visit(page, problems, url)
    assert not problems, "\n".join(problems)


def test_the_time_out_warning_appears_and_keeps_the_user_logged_in(
    demo, page, login, axe, settings
):
    # Both clocks travel instead of the test waiting: the page's timers (Playwright's clock)
    # and the server's (time-machine; the live server runs in this process).
    settings.SESSION_COOKIE_AGE = 600  # the warning comes two minutes before the end
    problems = watch(page)
    login("fagperson")
    page.clock.install()
    page.goto(reverse("core:account"))
    warning = page.get_by_test_id("session-warning")
    page.clock.run_for("07:55")
    expect(warning).to_be_hidden()
    page.clock.run_for("00:10")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Du bliver snart logget af")
    axe.check("session time-out warning")
    with time_machine.travel(datetime.timedelta(seconds=490)):
        page.get_by_role("button", name="Forbliv logget ind").click()
        expect(warning).to_be_hidden()
    # Renewed: still logged in after the session's original end ...
    with time_machine.travel(datetime.timedelta(seconds=700)):
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert "/accounts/login/" not in page.url
    axe.assert_clean()
    # ... and logged out, on the login page, once a whole idle session has passed.
    with time_machine.travel(datetime.timedelta(seconds=1400)):
        page.clock.run_for("10:05")
        expect(page).to_have_url(re.compile("/accounts/login/"))
    assert not problems, "\n".join(problems)
