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
