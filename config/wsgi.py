"""WSGI entry point for gunicorn (settings in config/gunicorn.py)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# Import every view module now, not on the first request: with gunicorn's preload_app this
# happens once in the master, before the workers fork.
url_patterns = get_resolver().url_patterns
