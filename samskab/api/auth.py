"""API authentication and throttling: a personal token as `Authorization: Bearer …`, or the
browser session; requests counted per token (per user for the session) in the shared cache.

The session path keeps Django's CSRF check for unsafe methods (ninja's `SessionAuth`).
"""

import threading

from django.conf import settings
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import SimpleRateThrottle

from .actions import token_for_secret


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        # An expired or revoked token, or one whose owner lacks the required two-factor
        # authentication, raises TokenRefused: answered with its reason (errors.py).
        api_token = token_for_secret(token)
        if api_token is None:
            return None
        # Pages and API share predicates that read request.user.
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


class BrowserSessionAuth(SessionAuth):
    """The logged-in browser session (e.g. the docs' "try it out"), with CSRF for writes."""


class ApiThrottle(SimpleRateThrottle):
    """API_THROTTLE_RATE per token, or per user for the browser session.

    ninja keeps the last request's state on the throttle between `allow_request` and `wait`;
    one instance serves every request, so that state is kept per thread here.
    """

    cache_format = "samskab:api-throttle:%(ident)s"

    def __init__(self):
        # No rate here: allow_request reads the setting (SimpleRateThrottle fixes it once).
        self._state = threading.local()

    key = property(lambda self: self._state.key, lambda self, v: setattr(self._state, "key", v))
    history = property(
        lambda self: self._state.history, lambda self, v: setattr(self._state, "history", v)
    )
    now = property(lambda self: self._state.now, lambda self, v: setattr(self._state, "now", v))

    def get_cache_key(self, request):
        token = getattr(request, "api_token", None)
        if token is not None:
            ident = f"token-{token.pk}"
        elif request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None  # nothing to count: unauthenticated requests are refused before this
        return self.cache_format % {"ident": ident}

    def wait(self):
        """Seconds until the oldest counted request leaves the window (for Retry-After)."""
        if not self.history:
            return self.duration
        return max(self.duration - (self.now - self.history[-1]), 1)

    def allow_request(self, request):
        # Read per request, so that a changed setting (and a test's override) applies at once.
        if not settings.API_THROTTLE_RATE:
            return True
        self.num_requests, self.duration = self.parse_rate(settings.API_THROTTLE_RATE)
        return super().allow_request(request)


AUTH = [TokenAuth(), BrowserSessionAuth()]
THROTTLE = [ApiThrottle()]
