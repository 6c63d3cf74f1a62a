"""English is complete: every Danish source text has a translation, and the pages use it."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

ENGLISH_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
ENGLISH_PO = ENGLISH_DIR / "django.po"
ENGLISH_MO = ENGLISH_DIR / "django.mo"

# Danish labels from the header, navigation, front page and footer; none may show in English.
DANISH_LABELS = [
    "Organisationer",
    "Partnerskaber",
    "Borgerforløb",
    "Esbjerg-modellen",
    "Velfærdsinnovation",
    "Indsigter",
    "Hovedmenu",
    "Gå til sideindhold",
    "Log af",
    "Dine roller",
    "De fem praksisser",
    "Tilgængelighedserklæring",
]


def _msgfmt():
    path = shutil.which("msgfmt")
    assert path, "msgfmt is missing: install gettext (the CI script does)"
    return path


@pytest.fixture
def english_catalogue(settings):
    """Compile the English catalogue when it is missing or older than the .po file.

    .mo files are not committed; `make test` compiles them, a bare `pytest` may not have.
    Setting LOCALE_PATHS again makes Django drop catalogues it has already loaded.
    """
    if not ENGLISH_MO.exists() or ENGLISH_MO.stat().st_mtime < ENGLISH_PO.stat().st_mtime:
        _msgfmt()
        call_command(
            "compilemessages",
            locale=["en"],
            ignore_patterns=[".venv", "node_modules", "staticfiles"],
            verbosity=0,
        )
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)
    return ENGLISH_MO


def test_english_catalogue_has_no_untranslated_or_fuzzy_messages():
    result = subprocess.run(  # noqa: S603 - fixed argv: msgfmt and our own .po file
        [_msgfmt(), "--statistics", "-c", "-o", os.devnull, str(ENGLISH_PO)],
        capture_output=True,
        text=True,
        # msgfmt translates its own report; read it in English.
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
        check=False,
    )
    report = result.stderr.strip()
    assert result.returncode == 0, report
    assert re.search(r"\d+ translated message", report), report
    assert "untranslated" not in report, report
    assert "fuzzy" not in report, report
    assert "warning" not in report, report


@pytest.mark.django_db
def test_front_page_in_english_after_the_language_switch(client, english_catalogue):
    client.force_login(user_with_role(Role.LEADER))
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302

    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    nav = re.search(r'<nav class="navigation-menu".*?</nav>', html, re.DOTALL)
    assert nav, "the main navigation is missing"
    for label in ["Organisations", "Partnerships", "Citizen pathways", "The Esbjerg model"]:
        assert f"<span>{label}</span>" in nav.group(0), label
    for text in ["Skip to main content", "Sign out", "Your roles", "Leader", "The five practices"]:
        assert text in html, text
    shown = [label for label in DANISH_LABELS if label in html]
    assert not shown, f"Danish text on the English page: {shown}"

    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    html = client.get(reverse("core:home")).content.decode()
    assert "<span>Organisationer</span>" in html
    assert "Organisations" not in html
