"""Hardening against the whole project: CSRF on every form, security headers and CSP,
session time-out, secret key, and no lost updates when two people edit the same record."""

import re

import pytest
from django.conf import settings
from django.core.checks.security.base import check_secret_key
from django.test import Client
from django.urls import reverse

from samskab.core.access import ANONYMOUS, collect_rules, endpoints, fetch
from samskab.core.concurrency import VERSION_FIELD
from samskab.innovation.models import BusinessCase, Project
from samskab.pathways.models import Pathway
from samskab.people.models import Citizen

pytestmark = pytest.mark.django_db

CONFLICT = "er blevet ændret af en anden, mens du redigerede"


# --- CSRF: every URL that accepts a POST refuses one without the token ---------------


def test_no_page_is_exempt_from_the_csrf_check():
    """Django's CSRF middleware guards every view that is not marked exempt. The API's
    views are exempt at Django's level because django-ninja checks CSRF itself for
    cookie sessions (token clients need none); the test below posts to them too."""
    exempt = [
        f"/{endpoint.route} ({endpoint.module})"
        for endpoint in endpoints()
        if endpoint.csrf_exempt and not endpoint.module.startswith("ninja.")
    ]
    assert not exempt, "Views exempt from CSRF:\n" + "\n".join(exempt)


def test_every_write_is_refused_without_a_csrf_token(demo_clients):
    """Each writing rule's URL, without a token, as a logged-in user who may use it."""
    problems = []
    checked = set()
    for rule in collect_rules():
        if rule.method == "GET":
            continue
        path = rule.path()
        if (rule.method, path) in checked:
            continue
        checked.add((rule.method, path))
        who = sorted(rule.allowed_users() - {ANONYMOUS}) or ["admin"]
        client = Client(enforce_csrf_checks=True)
        client.cookies = demo_clients[who[0]].cookies
        response = fetch(client, rule.method, path)
        status = getattr(response, "status_code", repr(response))
        if status != 403 or b"CSRF" not in response.content:
            problems.append(f"{rule.method} {path} as {who[0]} without CSRF token: {status}")
    assert len(checked) > 50
    assert not problems, "\n".join(problems)


# --- Headers, CSP, session ------------------------------------------------------------


def test_pages_carry_a_strict_content_security_policy_and_security_headers(demo_clients):
    response = demo_clients["fagperson"].get(reverse("core:account"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_arrive_compressed_and_keep_their_security_headers(demo_clients):
    """A page is sent gzip-compressed to a browser that accepts it (faster first paint on a
    slow line), with the same Content-Security-Policy as an uncompressed one."""
    response = demo_clients["fagperson"].get(
        reverse("core:account"), headers={"accept-encoding": "gzip, deflate, br"}
    )
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_no_template_has_inline_scripts_styles_or_event_handlers():
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.I
    )
    problems = []
    for path in sorted(settings.BASE_DIR.glob("samskab/**/templates/**/*.html")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if inline.search(line):
                problems.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert not problems, "Move these into static files (CSP):\n" + "\n".join(problems)


def test_https_settings_are_strict_when_debug_is_off():
    # conftest relaxes the cookie/redirect flags for the plain-HTTP test client, so read
    # the configured values from a fresh import of the settings module.
    import importlib

    import config.settings as configured

    configured = importlib.reload(configured)
    assert configured.SESSION_COOKIE_SECURE and configured.CSRF_COOKIE_SECURE
    assert configured.SECURE_SSL_REDIRECT
    assert configured.SECURE_HSTS_SECONDS >= 31536000
    assert configured.SESSION_COOKIE_HTTPONLY


def test_the_development_secret_key_is_refused_by_the_deploy_check(settings):
    settings.SECRET_KEY = "django-insecure-samskab-development-only-key-change-me"
    assert [warning.id for warning in check_secret_key(None)] == ["security.W009"]


def test_staff_passwords_need_twelve_characters():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("kort-kode1!")
    validate_password("en-lang-og-god-adgangskode-2026")


@pytest.mark.django_db
def test_idle_sessions_end_after_thirty_minutes_and_requests_renew_them(client):
    import datetime

    import time_machine
    from django.contrib.sessions.models import Session

    from samskab.people.tests.factories import UserFactory

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    start = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)

    def expiry():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    with time_machine.travel(start, tick=False) as clock:
        client.force_login(UserFactory())
        client.get(reverse("core:account"))
        assert expiry() == start + datetime.timedelta(minutes=30)
        clock.shift(datetime.timedelta(minutes=20))
        client.get(reverse("core:account"))  # renewed: 30 minutes from now
        assert expiry() == start + datetime.timedelta(minutes=50)
        clock.shift(datetime.timedelta(seconds=30))
        client.get(reverse("core:account"))  # within a minute: not written again
        assert expiry() == start + datetime.timedelta(minutes=50)
        clock.shift(datetime.timedelta(minutes=31))
        assert client.get(reverse("core:account")).status_code == 302  # idle too long


def test_pages_carry_the_session_warning_and_the_keep_alive_renews_the_session(demo_clients):
    client = demo_clients["fagperson"]
    page = client.get(reverse("core:account")).content.decode()
    assert f'data-session-seconds="{settings.SESSION_COOKIE_AGE}"' in page
    assert "Forbliv logget ind" in page
    assert "samskab/session.js" in page
    response = client.post(reverse("core:keep-alive"))
    assert response.json() == {"seconds": settings.SESSION_COOKIE_AGE}
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_the_keep_alive_does_not_revive_an_anonymous_visitor(demo_clients):
    response = demo_clients[ANONYMOUS].post(reverse("core:keep-alive"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# --- No lost updates: two people edit the same record at once -------------------------


def version_in(response, prefix=""):
    name = f"{prefix}-{VERSION_FIELD}" if prefix else VERSION_FIELD
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no hidden {name} field in the form"
    return match.group(1)


def test_a_second_editor_of_a_citizen_gets_a_conflict_instead_of_overwriting(demo_clients):
    anders = Citizen.objects.get(display_name="Anders (fiktiv)")
    url = reverse("people:citizen-update", args=[anders.pk])
    first, second = demo_clients["fagperson"], demo_clients["supervisor"]
    first_version = version_in(first.get(url))
    second_version = version_in(second.get(url))

    saved = second.post(url, {"display_name": "A.N. (fiktiv)", VERSION_FIELD: second_version})
    assert saved.status_code == 302
    refused = first.post(url, {"display_name": "Anders J. (fiktiv)", VERSION_FIELD: first_version})

    assert refused.status_code == 200
    assert CONFLICT in refused.content.decode()
    assert "Dine ændringer er ikke gemt" in refused.content.decode()
    anders.refresh_from_db()
    assert anders.display_name == "A.N. (fiktiv)"
    # The form now carries the stored version: saving again is a deliberate choice.
    again = first.post(
        url, {"display_name": "Anders J. (fiktiv)", VERSION_FIELD: version_in(refused)}
    )
    assert again.status_code == 302
    anders.refresh_from_db()
    assert anders.display_name == "Anders J. (fiktiv)"


def test_a_second_editor_of_a_project_gets_a_conflict(demo_clients):
    project = Project.objects.get(title="Fælles familieplan på tværs")
    url = reverse("innovation:project-edit", args=[project.pk])
    first, second = demo_clients["slagelse-leder"], demo_clients["forsker"]
    first_version = version_in(first.get(url))
    second_version = version_in(second.get(url))
    data = {"description": project.description, "mission": project.mission_id or ""}

    assert (
        second.post(url, {**data, "title": "B", VERSION_FIELD: second_version}).status_code == 302
    )
    refused = first.post(url, {**data, "title": "A", VERSION_FIELD: first_version})

    assert refused.status_code == 200 and CONFLICT in refused.content.decode()
    project.refresh_from_db()
    assert project.title == "B"


def test_a_second_editor_of_a_business_case_gets_a_conflict(demo_clients):
    project = Project.objects.get(title="Misbrug og psykiatri under ét tag")
    case = BusinessCase.objects.get(project=project)
    url = reverse("innovation:businesscase-detail", args=[project.pk])
    first, second = demo_clients["admin"], demo_clients["forsker"]
    first_version = version_in(first.get(url), "case")
    second_version = version_in(second.get(url), "case")

    def post(client, notes, version):
        return client.post(
            url,
            {
                "case-discount_rate": case.discount_rate,
                "case-long_term_rate": case.long_term_rate or "",
                "case-notes": notes,
                f"case-{VERSION_FIELD}": version,
            },
        )

    assert post(second, "Andens noter", second_version).status_code == 302
    refused = post(first, "Mine noter", first_version)

    assert refused.status_code == 200 and CONFLICT in refused.content.decode()
    case.refresh_from_db()
    assert case.notes == "Andens noter"


def test_a_second_editor_of_a_pathways_goals_gets_a_conflict(demo_clients):
    pathway = Pathway.objects.get(citizen__display_name="Anders (fiktiv)")
    detail = reverse("pathways:pathway-detail", args=[pathway.pk])
    url = reverse("pathways:pathway-goals", args=[pathway.pk])
    first, second = demo_clients["fagperson"], demo_clients["supervisor"]
    first_version = version_in(first.get(detail), "goals")
    second_version = version_in(second.get(detail), "goals")

    second.post(
        url, {"goals-citizen_goals": "Andens mål", f"goals-{VERSION_FIELD}": second_version}
    )
    refused = first.post(
        url,
        {"goals-citizen_goals": "Mine mål", f"goals-{VERSION_FIELD}": first_version},
        follow=True,
    )

    assert CONFLICT in refused.content.decode()
    pathway.refresh_from_db()
    assert pathway.citizen_goals == "Andens mål"
