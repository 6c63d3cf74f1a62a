"""Request policy: Danish first, two-factor authentication where policy requires it, the
idle time-out, the header's context and the access log's deferred reads."""

import time

from django.conf import settings
from django.contrib import messages
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samskab.core.actions import deferred_reads
from samskab.core.auth import lacks_required_two_factor
from samskab.core.context_processors import header_context
from samskab.core.forms import form_notices

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/tilgaengelighed/")


class RequireTwoFactorMiddleware:
    """Sends a user the two-factor policy applies to (core.auth.lacks_required_two_factor)
    to set up an authenticator app first; API tokens are refused by the same check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not request.session.get("samskab_2fa_ok")
        ):
            if not lacks_required_two_factor(user):
                # Remember for the session so that later requests cost no queries.
                request.session["samskab_2fa_ok"] = True
            else:
                messages.warning(
                    request,
                    _(
                        "Din organisation kræver totrinsbekræftelse, fordi du ser "
                        "borgeroplysninger. Opsæt en godkendelsesapp for at fortsætte."
                    ),
                )
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class SessionRenewalMiddleware:
    """The idle time-out: a request renews the session's expiry, but writes the session at
    most once per 1/30 of its age (a minute of 30), not on every request as
    SESSION_SAVE_EVERY_REQUEST would – a database write and commit per page view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        renew(request.session)
        return response


def renew(session, force=False):
    if session.is_empty():
        return  # no session to keep alive (and none is created for anonymous visitors)
    now = int(time.time())
    if force or now - session.get("renewed_at", 0) >= settings.SESSION_COOKIE_AGE // 30:
        session["renewed_at"] = now  # modified, so saved with a fresh expiry


class DeferredAccessReadsMiddleware:
    """Appends the reads a request logs in one go when it ends (core.actions.deferred_reads),
    before the response leaves the server."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with deferred_reads():
            return self.get_response(request)


class HeaderContextMiddleware:
    """Reads the header's navigation and notification count before the view runs.

    Templates run no queries of their own (samskab/national/tests/test_bounded_queries.py);
    the context processor and the bell tag then only read `request.header_context`. Only
    full-page GETs need the header: not the API, not htmx fragments, not form posts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "GET"
            and not request.path.startswith(("/api/", "/static/"))
            and not request.headers.get("HX-Request")
            and request.user.is_authenticated
        ):
            request.header_context = header_context(request)
        return self.get_response(request)


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Danish unless the user chose otherwise with the language switch.

    Django would follow the browser's Accept-Language, and many Danish users run an
    English browser; a Danish public service speaks Danish until asked not to.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


class FormNoticeMiddleware:
    """A form's warnings (a CPR-like number masked: core.forms.FreeTextMixin) become messages
    on the page that follows. After MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with form_notices(lambda text: messages.warning(request, text, fail_silently=True)):
            return self.get_response(request)
