"""Test-wide settings: tests speak plain HTTP, so the HTTPS-only settings are relaxed."""

from django.conf import settings


def pytest_configure(config):
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
