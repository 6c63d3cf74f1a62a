"""Login policy: no open sign-up; single sign-on connects to existing accounts by e-mail."""

import logging

import requests
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import render

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are created by an administrator, an import or single sign-on.
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        # A user arriving through the municipality's identity broker gets an account
        # without roles; an administrator grants roles, so nothing is visible before that.
        return True

    def authenticate_by_email(self, sociallogin):
        found = super().authenticate_by_email(sociallogin)
        if found:
            return found
        # allauth compares User.email exactly against the lower-cased address, but accounts
        # made in the admin or by an import keep the case they were typed with
        # ("Anna.Andersen@aarhus.dk"); without this, such a person would silently get a
        # second, role-less account. Only an unambiguous match is connected.
        for address in sociallogin.email_addresses:
            if not address.verified or not self.can_authenticate_by_email(
                sociallogin, address.email
            ):
                continue
            users = list(
                get_user_model().objects.filter(email__iexact=address.email, is_active=True)[:2]
            )
            if len(users) == 1:
                return users[0], address.email
        return None

    def get_requests_session(self):
        # allauth's login view fetches the broker's discovery document without catching
        # network errors, so a broker outage was a bare 500. Show the usual "login via
        # your organisation failed" page instead (the callback view already does so).
        session = super().get_requests_session()
        send = session.request

        def request(method, url, *args, **kwargs):
            try:
                return send(method, url, *args, **kwargs)
            except requests.RequestException as exc:
                logger.warning("Single sign-on: %s %s failed: %s", method, url, exc)
                response = render(context.request, "socialaccount/authentication_error.html")
                raise ImmediateHttpResponse(response) from exc

        session.request = request
        return session


def lockout_key(request, credentials) -> str | None:
    """The account a login attempt targets, so lock-out counts per account.

    allauth passes `username` or `email`; both are resolved to the username, so an
    attacker cannot double the attempts by alternating between them.
    """
    credentials = credentials or {}
    given = credentials.get("username") or credentials.get("email")
    if not given and request is not None:
        given = request.POST.get("login")
    if not given:
        return None
    user_model = get_user_model()
    user = (
        user_model.objects.filter(Q(username__iexact=given) | Q(email__iexact=given))
        .only("username")
        .first()
    )
    return user.username if user else given.strip().lower()
