"""Single sign-on end to end: Chromium, Samskab and a real OpenID Connect provider.

The provider is node-oidc-provider (tests/oidc/provider.mjs) started per test on a free
port, so the whole authorization-code flow runs for real: discovery, the login and
consent pages, PKCE, the code exchange with the client secret, the ID token checks
(issuer, audience, expiry) and userinfo. Samskab's SSO settings come from
config/settings.py itself, fed the same environment variables as production, so the env
wiring is under test too.
"""

import runpy
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from samskab.people.models import RoleAssignment
from samskab.people.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
PROVIDER_ID = "sso"
PROVIDER_NAME = "Kommunens login"
CLIENT_ID = "samskab-test"
CLIENT_SECRET = "provider-side-secret-0123456789"
User = get_user_model()


@pytest.fixture
def sso_page(browser):
    # The session browser from tests/browser/conftest.py: one sync Playwright per thread.
    context = browser.new_context(locale="da-DK")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def callback_url(base_url: str) -> str:
    # allauth.socialaccount.providers.openid_connect.urls under OPENID_CONNECT_URL_PREFIX
    # "oidc": this is the redirect URI to register at the identity broker.
    return f"{base_url}/accounts/oidc/{PROVIDER_ID}/login/callback/"


@pytest.fixture
def start_provider(live_server, tmp_path):
    """Start tests/oidc/provider.mjs for one user; every process is stopped afterwards."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on the PATH; the SSO test needs it to run the provider")
    processes = []

    def start(*, sub: str, email: str, name: str) -> str:
        log_path = tmp_path / f"provider-{len(processes)}.log"
        log = log_path.open("w")
        process = subprocess.Popen(
            [
                node,
                str(PROVIDER_SCRIPT),
                "--port=0",
                f"--client-id={CLIENT_ID}",
                f"--client-secret={CLIENT_SECRET}",
                f"--redirect-uri={callback_url(live_server.url)}",
                f"--sub={sub}",
                f"--email={email}",
                f"--name={name}",
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        processes.append(process)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            for line in log_path.read_text().splitlines():
                if line.startswith("READY "):
                    return line.split(" ", 1)[1].strip()
            if process.poll() is not None:
                break
            time.sleep(0.05)
        pytest.fail(f"OIDC provider did not start:\n{log_path.read_text()}")

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def configure_sso(settings, monkeypatch):
    """Point Samskab at an issuer exactly as production does: through the OIDC_* env vars."""

    def configure(server_url: str, *, secret: str = CLIENT_SECRET) -> None:
        monkeypatch.setenv("OIDC_SERVER_URL", server_url)
        monkeypatch.setenv("OIDC_CLIENT_ID", CLIENT_ID)
        monkeypatch.setenv("OIDC_CLIENT_SECRET", secret)
        monkeypatch.setenv("OIDC_PROVIDER_ID", PROVIDER_ID)
        monkeypatch.setenv("OIDC_NAME", PROVIDER_NAME)
        built = runpy.run_path(str(ROOT / "config" / "settings.py"))
        settings.SOCIALACCOUNT_PROVIDERS = built["SOCIALACCOUNT_PROVIDERS"]
        # The login form redirects to the issuer; the CSP form-action must allow it.
        settings.CONTENT_SECURITY_POLICY = built["CONTENT_SECURITY_POLICY"]

    return configure


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_sso_login(page, base_url: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    button = page.get_by_test_id(f"sso-{PROVIDER_ID}")
    expect(button).to_have_text(f"Log ind med {PROVIDER_NAME}")
    button.click()


def sign_in_at_provider(page, issuer: str) -> None:
    # oidc-provider's development pages: a login form (any login is accepted and becomes
    # the configured user), then a consent page for "openid profile email".
    page.wait_for_url(f"{issuer}/interaction/**")
    page.locator("input[name=login]").fill("anna")
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


def assert_logged_out(page, base_url: str) -> None:
    expect(page.locator(".portal-user .username")).to_have_count(0)
    page.goto(f"{base_url}/")
    expect(page).to_have_url(f"{base_url}/accounts/login/?next=/")


def test_sso_logs_an_existing_user_in_by_verified_email(
    live_server, sso_page, start_provider, configure_sso
):
    # Typed in the admin with capitals; the broker sends it lower-cased. Still one person.
    user = UserFactory(
        username="anna",
        email="Anna.Andersen@aarhus.example",
        first_name="Anna",
        last_name="Andersen",
    )
    users_before = User.objects.count()
    issuer = start_provider(
        sub="broker-7f3a", email="anna.andersen@aarhus.example", name="A. Andersen (MitID)"
    )
    configure_sso(issuer)

    start_sso_login(sso_page, live_server.url)
    sign_in_at_provider(sso_page, issuer)

    sso_page.wait_for_url(f"{live_server.url}/")
    # Samskab's own name for the person, so this is the existing account, not a new one.
    expect(sso_page.locator(".portal-user .username")).to_have_text("Anna Andersen")
    account = SocialAccount.objects.get(provider=PROVIDER_ID, uid="broker-7f3a")
    assert account.user == user
    assert account.extra_data["userinfo"]["email_verified"] is True
    assert User.objects.count() == users_before
    # allauth's safeguard when the match is on an e-mail Samskab never verified (admin-made
    # accounts have no verified EmailAddress): the local password is disabled, so the
    # person signs in through SSO from now on.
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert user.check_password(PASSWORD) is False


def test_sso_signs_up_an_unknown_person_without_roles(
    live_server, sso_page, start_provider, configure_sso
):
    issuer = start_provider(sub="broker-91c2", email="ny@aarhus.example", name="Ny Medarbejder")
    configure_sso(issuer)

    start_sso_login(sso_page, live_server.url)
    sign_in_at_provider(sso_page, issuer)

    sso_page.wait_for_url(f"{live_server.url}/")
    expect(sso_page.locator(".portal-user .username")).to_have_text("Ny Medarbejder")
    account = SocialAccount.objects.get(provider=PROVIDER_ID, uid="broker-91c2")
    assert account.user.email == "ny@aarhus.example"
    assert EmailAddress.objects.filter(user=account.user, verified=True).exists()
    assert not account.user.has_usable_password()
    assert not RoleAssignment.objects.filter(user=account.user).exists()
    assert not account.user.is_staff
    assert not account.user.is_superuser
    # Logged in, but nothing to see until an administrator grants a role.
    response = sso_page.goto(f"{live_server.url}{reverse('people:citizen-list')}")
    assert response.status == 403
    expect(sso_page.get_by_role("heading", level=1)).to_have_text("Ingen adgang")


def test_sso_with_a_wrong_client_secret_fails_cleanly(
    live_server, sso_page, start_provider, configure_sso
):
    user = UserFactory(email="anna.andersen@aarhus.example", first_name="Anna")
    users_before = User.objects.count()
    issuer = start_provider(
        sub="broker-7f3a", email="anna.andersen@aarhus.example", name="Anna Andersen"
    )
    configure_sso(issuer, secret="not-the-secret-the-broker-knows")

    start_sso_login(sso_page, live_server.url)
    sign_in_at_provider(sso_page, issuer)

    # The provider refuses the code exchange (invalid_client); Samskab explains, in Danish.
    sso_page.wait_for_url(f"{live_server.url}/accounts/oidc/{PROVIDER_ID}/login/callback/**")
    expect(sso_page.get_by_role("heading", level=1)).to_have_text("Tredjepartslogin-fejl")
    assert_logged_out(sso_page, live_server.url)
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == users_before
    user.refresh_from_db()
    assert user.has_usable_password()


def test_sso_with_the_provider_down_fails_cleanly(live_server, sso_page, configure_sso):
    users_before = User.objects.count()
    configure_sso(f"http://127.0.0.1:{free_port()}")

    start_sso_login(sso_page, live_server.url)

    # Discovery fails with "connection refused" before the browser ever leaves Samskab.
    expect(sso_page.get_by_role("heading", level=1)).to_have_text("Tredjepartslogin-fejl")
    assert_logged_out(sso_page, live_server.url)
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == users_before
