"""Test-wide settings: plain HTTP for the test client and live server."""

import os

# Read by config.settings when pytest-django sets Django up, after this file is imported.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
