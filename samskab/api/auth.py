"""API authentication: a personal token as `Authorization: Bearer …`, or the browser session.

The session path keeps Django's CSRF check for unsafe methods (ninja's `SessionAuth`).
"""

from ninja.security import HttpBearer, SessionAuth

from .actions import user_for_secret


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_secret(token)
        if user is None:
            return None
        # Pages and API share predicates that read request.user.
        request.user = user
        return user


class BrowserSessionAuth(SessionAuth):
    """The logged-in browser session (e.g. the docs' "try it out"), with CSRF for writes."""


AUTH = [TokenAuth(), BrowserSessionAuth()]
