"""Test-wide settings: tests speak plain HTTP, so the HTTPS-only settings are relaxed.

SAMSKAB_CLOCK_SHIFT_DAYS=N runs the whole suite with the clock N days ahead (`make
test-future`): a test or factory that silently depends on today's date fails there.
"""

import datetime
import os
import uuid

import pytest
import time_machine
from django.conf import settings


def pytest_configure(config):
    shift = int(os.environ.get("SAMSKAB_CLOCK_SHIFT_DAYS") or 0)
    if shift:
        ahead = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=shift)
        # Started here, before any test module is imported, and never stopped: the whole
        # process lives in the future. Tests that travel themselves nest inside it.
        time_machine.travel(ahead, tick=True).start()
    # pytest-django has already read config.settings (with DEBUG off, HTTPS is enforced);
    # the test client and the live server for browser tests speak plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    # No collectstatic before tests: serve static files from the finders, unhashed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Fast hashing: the suite creates many users; the login policy does not depend on it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_access_log_anchor_file(tmp_path_factory):
    """Each test has its own (not yet written) anchor file: anchors outlive the test database,
    so a shared file would make one test's anchors break the next test's chain."""
    settings.ACCESS_LOG_ANCHOR_FILE = (
        tmp_path_factory.getbasetemp() / "anchors" / f"{uuid.uuid4().hex}.jsonl"
    )
