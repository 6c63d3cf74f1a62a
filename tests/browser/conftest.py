"""Browser tests: one headless Debian Chromium per session, a fresh context per test.

Playwright's sync API runs an event loop in this thread, so Django's async-safety guard
would refuse the ORM calls that fixtures and tests make; the live server runs in its own
thread and is unaffected.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from samskab.demo.data import DEMO_PASSWORD

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = Path(django_settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        # `make test` installs it and sets this, so a missing browser fails there.
        if os.environ.get("SAMSKAB_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is not installed (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache outlives the test database; without this allauth's per-IP login rate limit
    (every test logs in from 127.0.0.1) answers 429 once the suite passes 30 logins a minute."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(transactional_db):
    """The demo data (organisations, demo users, fictitious citizens) in the test database."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def page(browser, live_server):
    """A page in a fresh context (own cookies, Danish browser locale) on the live server."""
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Log in through the real login form as one of the demo users."""

    def log_in(username, password=DEMO_PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=login]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.get_by_role("button", name="Log ind", exact=True).click()
        if "/accounts/login/" in page.url:
            errors = page.locator(".form-error-message, .alert").all_inner_texts()
            pytest.fail(f"login as {username} failed on {page.url}: {errors}")
        return page

    return log_in


def axe_violations(page):
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; the serious and critical violations."""
    # On a loaded machine the stylesheet may still be arriving when a navigation has
    # committed: wait for it (up to the page's time-out) rather than check too early.
    try:
        page.wait_for_function(
            """() => [...document.styleSheets].some((sheet) =>
                sheet.href && sheet.href.includes("dkfds") && sheet.cssRules.length > 0)"""
        )
    except PlaywrightTimeoutError:
        pytest.fail(f"DKFDS stylesheet did not load on {page.url}; contrast checks would be moot")
    # Evaluated through the DevTools protocol, not as an inline <script>: the pages' CSP
    # (script-src 'self') rightly blocks inline scripts.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
            });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "), html: n.html, summary: n.failureSummary,
                })),
            }));
        }""",
        AXE_TAGS,
    )
    return [violation for violation in result if violation["impact"] in BLOCKING_IMPACTS]


def describe_violations(url, violations):
    lines = [f"{url}:"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    - {node['target']}")
            lines.append(f"      {node['html'][:200]}")
            for summary_line in (node["summary"] or "").splitlines():
                lines.append(f"        {summary_line}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


class AccessibilityReport:
    """Collects axe results page by page so one failure lists every page's problems."""

    def __init__(self, page):
        self.page = page
        self.problems = []
        self.checked = []

    def check(self, label=None):
        url = f"{label or ''} {self.page.url}".strip()
        self.checked.append(url)
        violations = axe_violations(self.page)
        if violations:
            self.problems.append(describe_violations(url, violations))

    def assert_clean(self):
        assert self.checked, "no page was checked"
        assert not self.problems, (
            "axe-core found serious or critical WCAG 2.1 AA violations:\n\n"
            + "\n\n".join(self.problems)
        )


@pytest.fixture
def axe(page):
    return AccessibilityReport(page)
