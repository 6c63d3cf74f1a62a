"""Starting the web server: the first request after a start must not be the slow one."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings

HEAVY = ("scipy", "sklearn", "pandas", "statsmodels")


def _env(tmp_path, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'startup.sqlite3'}",
        "SECRET_KEY": "startup-test-" + "x" * 50,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        **extra,
    }


def test_loading_the_urlconf_leaves_the_numerical_libraries_for_when_they_are_used(tmp_path):
    # They took seconds to import, on a worker's first request, past gunicorn's time-out.
    code = (
        "import sys, django; django.setup(); from django.urls import get_resolver; "
        "get_resolver().url_patterns; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules) or 'none')"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert result.stdout.strip() == "none"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_with_the_shared_settings_answers_the_first_request(tmp_path):
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        env=_env(tmp_path),
        cwd=settings.BASE_DIR,
        check=True,
    )
    port = _free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv, fixed arguments
        [str(gunicorn), "-c", "config/gunicorn.py", "config.wsgi"],
        # DEBUG serves static files unhashed, so no collectstatic is needed first.
        env=_env(tmp_path, GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="2", DEBUG="1"),
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        # Both workers forked with the app loaded: the first request finds it ready.
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/accounts/login/", timeout=30
        ) as response:
            assert response.status == 200
            assert "Log ind" in response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
