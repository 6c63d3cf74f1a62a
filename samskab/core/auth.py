"""Login policy: no open sign-up; single sign-on connects to existing accounts by e-mail."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are created by an administrator, an import or single sign-on.
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        # A user arriving through the municipality's identity broker gets an account
        # without roles; an administrator grants roles, so nothing is visible before that.
        return True


def lockout_key(request, credentials) -> str | None:
    """The account a login attempt targets, so lock-out counts per account.

    allauth passes `username` or `email`; both are resolved to the username, so an
    attacker cannot double the attempts by alternating between them.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Q

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
