"""Pages that belong to no single practice: front page, practice overviews, accessibility."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from samskab.people.models import Role
from samskab.people.permissions import role_names

from .context_processors import PRACTICES, practice_url
from .middleware import renew

PRACTICE_INTROS = {
    "partnerships": _(
        "Ligeværdige partnerskaber mellem erfaringseksperter og strategiske ledere: "
        "rekruttering, match-making, opstart, møder og afrunding."
    ),
    "pathways": _(
        "Sammenhængende borgerforløb med tværfaglige teams, prøvehandlinger, møder, "
        "læringsopsamlinger og borgerens vurdering af møderne."
    ),
    "compass": _(
        "Esbjerg-modellen: ledelseskompas, parathed til spredning, trinvis udrulning og "
        "effektmåling mod en sammenligningsgruppe."
    ),
    "innovation": _(
        "Systematisk velfærdsinnovation: velfærdsudfordringer, missioner, projekter i fem "
        "faser, forandringsteori og business case."
    ),
    "insights": _(
        "Én samlet, søgbar mængde indsigter fra borgerens og systemets perspektiv – lemniskaten."
    ),
    "leadership": _(
        "Fra indsigt til beslutning: mulighedsrum, fælles ledelsesrum på tværs af sektorer med "
        "T-formet ledelse og barrierer fra praksis."
    ),
}


def home(request):
    if role_names(request.user) and role_names(request.user) <= {Role.CITIZEN}:
        return redirect("people:my-page")
    from samskab.insights.dashboard import has_dashboard

    practices = [(practice_url(slug), label, PRACTICE_INTROS[slug]) for slug, label in PRACTICES]
    return render(
        request,
        "core/home.html",
        {"practices": practices, "has_dashboard": has_dashboard(request.user)},
    )


def practice(request, slug):
    labels = dict(PRACTICES)
    if slug not in labels:
        raise Http404
    return render(
        request,
        "core/practice.html",
        {"title": labels[slug], "intro": PRACTICE_INTROS[slug], "crumbs": [(None, labels[slug])]},
    )


def account(request):
    """The user's own account: password, two-factor authentication and roles."""
    from allauth.mfa.models import Authenticator

    has_totp = Authenticator.objects.filter(
        user=request.user, type=Authenticator.Type.TOTP
    ).exists()
    from samskab.calendars.views import account_context as calendar_context

    return render(
        request,
        "core/account.html",
        {
            "has_totp": has_totp,
            **calendar_context(request),
            "crumbs": [(None, _("Konto og sikkerhed"))],
        },
    )


@login_not_required
def accessibility_statement(request):
    return render(request, "core/accessibility.html")


@require_POST
def keep_alive(request):
    """The session time-out warning's "Forbliv logget ind": renews the session now and
    answers with the seconds left."""
    renew(request.session, force=True)
    return JsonResponse({"seconds": settings.SESSION_COOKIE_AGE})


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form's token had expired (or the cookie was gone). Nothing was
    saved; the page says so and sends the user back, where the browser still holds their
    input and samskab.js gives the form the current token. The input is not shown here."""
    referer = request.headers.get("Referer", "")
    back_url = (
        referer
        if url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        else ""
    )
    return render(request, "403_csrf.html", {"back_url": back_url}, status=403)
