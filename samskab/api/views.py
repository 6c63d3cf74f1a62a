"""The user's own API tokens: create (the secret is shown once), list and revoke (after a
confirmation page)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from samskab.core.pages import error_text

from . import actions
from .forms import TokenForm
from .models import ApiToken


def _crumbs(label):
    return [(reverse("core:account"), _("Konto og sikkerhed")), (None, label)]


#: The new secret waits in the session for the one page view after the redirect, so a
#: reload neither shows it again nor creates a second token.
SESSION_KEY = "samskab_api_new_secret"


@never_cache
def token_list(request):
    form = TokenForm(request.POST or None)
    secret = request.session.pop(SESSION_KEY, None) if request.method == "GET" else None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_secret = actions.create_token(
                by=request.user,
                name=form.cleaned_data["name"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_KEY] = new_secret
            return redirect("api:token-list")
    return render(
        request,
        "api/token_list.html",
        {
            "tokens": list(ApiToken.objects.of_user(request.user)),
            "form": form,
            "secret": secret,
            "crumbs": _crumbs(_("API-nøgler")),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def token_revoke(request, pk):
    """GET asks for confirmation; POST revokes and returns to the list."""
    # Same 404 for someone else's token as for a missing one.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if request.method == "GET":
        if token.revoked_at is not None:
            messages.info(request, _("Nøglen er allerede tilbagekaldt."))
            return redirect("api:token-list")
        crumbs = _crumbs(_("API-nøgler"))
        crumbs[-1] = (reverse("api:token-list"), crumbs[-1][1])
        return render(
            request,
            "api/token_revoke.html",
            {"token": token, "crumbs": [*crumbs, (None, _("Tilbagekald nøgle"))]},
        )
    try:
        actions.revoke_token(by=request.user, token=token)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Nøglen «%(name)s» er tilbagekaldt.") % {"name": token.name})
    return redirect("api:token-list")
