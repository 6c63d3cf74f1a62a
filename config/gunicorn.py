"""Gunicorn settings, one place for `make run`, `make bench` and production:
`gunicorn -c config/gunicorn.py config.wsgi` (environment variables override the defaults).

The app is loaded once in the master before the workers fork (`preload_app`), so no worker
imports Django, the URLconf and the apps on its first request: that first request once took
longer than the time-out on a busy machine and answered 500.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_fork(server, worker):
    # A connection the master opened while loading the app must not be shared by workers.
    from django.db import connections

    connections.close_all()
