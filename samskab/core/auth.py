"""Login policy: no open sign-up; single sign-on connects to existing accounts by e-mail;
who must use two-factor authentication (pages and API alike); limits on two-factor codes."""

import logging

import requests
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from samskab.people.models import Organisation
from samskab.people.permissions import citizen_data_organisation_ids

logger = logging.getLogger(__name__)


def two_factor_required(user) -> bool:
    """TOTP is required for staff who see citizen data, where their organisation requires
    it or everywhere (REQUIRE_2FA_FOR_CITIZEN_DATA)."""
    org_ids = citizen_data_organisation_ids(user)
    if not org_ids:
        return False
    if settings.SAMSKAB_REQUIRE_2FA_FOR_CITIZEN_DATA:
        return True
    return Organisation.objects.filter(pk__in=org_ids, requires_two_factor=True).exists()


def lacks_required_two_factor(user) -> bool:
    """The one two-factor check for the pages (RequireTwoFactorMiddleware) and API tokens."""
    return (
        two_factor_required(user)
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


class AccountAdapter(DefaultAccountAdapter):
    @property
    def error_messages(self):
        # allauth.mfa raises this once the two-factor codes hit ACCOUNT_RATE_LIMITS
        # ["login_failed"]; no password or login-code flow here raises it (see below).
        return {
            **super().error_messages,
            "too_many_login_attempts": _(
                "Der er indtastet en forkert kode for mange gange, så totrinsbekræftelsen er "
                "spærret for din konto et stykke tid. Prøv igen om %(minutes)s minutter. Var det "
                "ikke dig, kender en anden måske din adgangskode: skift den, og kontakt en "
                "administrator."
            )
            % {"minutes": settings.TWO_FACTOR_LOCKOUT_MINUTES},
        }

    def is_open_for_signup(self, request):
        # Accounts are created by an administrator, an import or single sign-on.
        return False

    def pre_authenticate(self, request, **credentials):
        # Password failures are counted by django-axes (per account, in the database, lifted
        # by an administrator). allauth would count them too, under the same "login_failed"
        # limit that now guards two-factor codes, and answer before axes sees the attempt.
        self._login_failed_rl_usage = None


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
